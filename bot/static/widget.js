/* The chat widget: plain JS, no build step, no globals.
 * <script src="https://HOST/widget.js" data-tool="leader" data-lang="da" async></script>
 * data-mode="inline" data-target="ELEMENT-ID" renders into an element instead of a launcher.
 * data-room="CODE" (or "path" for the join page /r/CODE) joins a facilitator's room;
 * data-prepared="HOST-KEY" starts Værktøj 2 with a preparation room's result.
 * Everything is shown with textContent: nothing the leader or the bot writes becomes HTML.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const base = new URL(script.src, location.href).origin;
  const options = {
    tool: script.dataset.tool || "",
    lang: script.dataset.lang === "en" ? "en" : "da",
    partner: script.dataset.partner || "",
    mode: script.dataset.mode === "inline" ? "inline" : "launcher",
    target: script.dataset.target || "",
    room: script.dataset.room === "path" ? ((/^\/r\/([^/]+)$/.exec(location.pathname) || [])[1] || "") : (script.dataset.room || ""),
    prepared: script.dataset.prepared || "",
  };
  if (script.dataset.room === "path" && !options.room) return; // the join page asks for the code first
  // A room's or a preparation's conversation is kept apart from the leader's own.
  const scope = options.room ? `:room:${options.room.toUpperCase()}` : options.prepared ? `:prep:${options.prepared.slice(0, 8)}` : "";
  const CONTROL = /^\/(help|example|skip|go_back)$/;
  const storageKey = (tool) => `trivsel:${options.partner || "-"}:${tool}${scope}`;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }
  // A random Idempotency-Key (128 bits) for one message.
  function newKey() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
  }
  // Links in the guide's own messages open in a new tab, without giving that tab a handle on this page.
  function linkified(text) {
    const p = el("p");
    let last = 0;
    for (const match of text.matchAll(/https:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g)) {
      p.append(text.slice(last, match.index));
      p.append(el("a", { href: match[0], target: "_blank", rel: "noopener noreferrer", text: match[0] }));
      last = match.index + match[0].length;
    }
    p.append(text.slice(last));
    return p;
  }
  const store = {
    get(key) { try { return localStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { localStorage.setItem(key, value); } catch { /* private mode */ } },
    remove(key) { try { localStorage.removeItem(key); } catch { /* private mode */ } },
  };

  class Widget {
    constructor(host) {
      this.lang = options.lang;
      this.tool = options.tool;
      this.id = null;
      this.texts = null;
      this.tools = [];
      this.busy = false;
      this.retryTimer = null;
      this.pending = null;
      this.host = host;
      const root = host.attachShadow({ mode: "open" });
      root.append(el("link", { rel: "stylesheet", href: `${base}/widget.css` }));
      this.root = root;
    }

    t(key, values = {}) { return fill((this.texts && this.texts[this.lang][key]) || key, values); }

    async api(method, path, body, headers = {}) {
      const init = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      const response = await fetch(`${base}${path}`, init);
      let data = null;
      if (response.status !== 204) { try { data = await response.json(); } catch { data = null; } }
      return { status: response.status, data, retryAfter: Number(response.headers.get("Retry-After")) || 5 };
    }

    async boot() {
      const partner = encodeURIComponent(options.partner || "default");
      const [texts, tools, config] = await Promise.all([
        this.api("GET", "/api/v1/texts"), this.api("GET", "/api/v1/tools"), this.api("GET", `/api/v1/partners/${partner}`),
      ]);
      this.texts = texts.data;
      this.partner = config.data || { tools: [], colours: {}, intro: {} };
      if (!script.dataset.lang && this.partner.language) this.lang = this.partner.language;
      const offered = new Set(this.partner.tools || []);
      this.tools = ((tools.data && tools.data.tools) || []).filter((t) => !offered.size || offered.has(t.id));
      this.build();
      this.theme();
      if (options.room) return this.joinRoom();
      // On a page that offers every tool, come back to the one the leader was in.
      if (!this.tool && store.get(storageKey("last"))) {
        this.tool = store.get(storageKey("last"));
        this.id = store.get(storageKey(this.tool));
        if (this.id && (await this.resume())) return;
        this.tool = "";
      }
      if (this.tool) {
        this.id = store.get(storageKey(this.tool));
        if (this.id && (await this.resume())) return;
        // Behind a launcher, nothing starts until the leader opens it.
        if (options.mode === "launcher") this.startOnOpen = true;
        else await this.start(this.tool);
      } else {
        this.showToolChoice();
      }
    }

    build() {
      const frame = el("section", { class: "tv-frame", "aria-label": this.t("title"), lang: this.lang });
      this.titleEl = el("h2", { class: "tv-title", text: this.t("title") });
      this.progressText = el("p", { class: "tv-progress-text", id: "tv-progress-text" });
      this.progressBar = el("div", { class: "tv-progress", role: "progressbar", "aria-labelledby": "tv-progress-text", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": "0" }, el("span", { class: "tv-progress-fill" }));
      this.langButton = el("button", { type: "button", class: "tv-tool-button", onclick: () => this.switchLanguage() });
      this.restartButton = el("button", { type: "button", class: "tv-tool-button", onclick: () => this.restart() });
      this.deleteButton = el("button", { type: "button", class: "tv-tool-button tv-danger", onclick: () => this.deleteData() });
      const header = el("header", { class: "tv-header" }, this.titleEl,
        el("div", { class: "tv-tools" }, this.langButton, this.restartButton, this.deleteButton),
        this.progressText, this.progressBar);
      this.log = el("div", { class: "tv-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
      this.status = el("p", { class: "tv-status", role: "status" });
      this.input = el("textarea", { id: "tv-input", class: "tv-input", rows: "2", maxlength: "2000", autocomplete: "off" });
      this.inputLabel = el("label", { for: "tv-input", class: "tv-sr-only" });
      this.sendButton = el("button", { type: "submit", class: "tv-send" });
      this.form = el("form", { class: "tv-form", onsubmit: (e) => { e.preventDefault(); this.sendText(); } },
        this.inputLabel, this.input, this.sendButton);
      this.input.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); this.sendText(); }
      });
      this.input.addEventListener("input", () => this.saveDraft());
      frame.append(header, this.log, this.status, this.form);
      this.frame = frame;
      if (options.mode === "launcher") {
        this.launcher = el("button", { type: "button", class: "tv-launcher", "aria-expanded": "false", onclick: () => this.toggle() });
        this.closeButton = el("button", { type: "button", class: "tv-tool-button tv-close", onclick: () => this.toggle(false) });
        header.prepend(this.closeButton);
        frame.hidden = true;
        frame.classList.add("tv-floating");
        this.root.append(this.launcher, frame);
      } else {
        this.root.append(frame);
      }
      this.relabel();
    }

    theme() {
      // The partner's colours; everything else stays neutral.
      const colours = this.partner.colours || {};
      const set = (name, value) => value && this.host.style.setProperty(name, value);
      set("--tv-partner-accent", colours.accent);
      set("--tv-accent", colours.accent);
      set("--tv-leader", colours.accent);
      set("--tv-accent-text", colours.accent_text);
      set("--tv-leader-text", colours.accent_text);
      if (this.partner.logo) {
        this.titleEl.before(el("img", { class: "tv-logo", src: this.partner.logo, alt: this.partner.logo_alt || "" }));
      }
    }

    relabel() {
      this.frame.setAttribute("lang", this.lang);
      this.frame.setAttribute("aria-label", this.t("title"));
      this.titleEl.textContent = this.t("title");
      this.langButton.textContent = this.t("switch_language");
      this.restartButton.textContent = this.t("restart");
      this.deleteButton.textContent = this.t("delete");
      this.inputLabel.textContent = this.t("input_label");
      this.input.placeholder = this.t("placeholder");
      this.sendButton.textContent = this.t("send");
      if (this.launcher) this.launcher.textContent = this.t("open");
      if (this.closeButton) this.closeButton.textContent = this.t("close");
      const conversationOpen = Boolean(this.id);
      this.restartButton.hidden = !conversationOpen;
      this.deleteButton.hidden = !conversationOpen;
    }

    toggle(open) {
      const show = open === undefined ? this.frame.hidden : open;
      this.frame.hidden = !show;
      this.launcher.setAttribute("aria-expanded", String(show));
      if (show && this.startOnOpen) {
        this.startOnOpen = false;
        this.start(this.tool);
      } else if (show) this.input.focus();
      else this.launcher.focus();
    }

    showToolChoice() {
      this.log.replaceChildren();
      const list = el("div", { class: "tv-buttons" });
      for (const tool of this.tools) {
        list.append(el("button", { type: "button", class: "tv-choice", text: tool.title[this.lang], onclick: () => this.start(tool.id) }));
      }
      // A saved agreement (.json) starts a follow-up.
      const file = el("input", { type: "file", accept: "application/json,.json", id: "tv-upload", hidden: "" });
      file.addEventListener("change", () => { if (file.files[0]) this.upload(file.files[0]); });
      list.append(el("button", { type: "button", class: "tv-choice tv-control", text: this.t("followup_upload"), onclick: () => file.click() }), file);
      const intro = this.partner.intro && this.partner.intro[this.lang];
      if (intro) this.log.append(el("div", { class: "tv-msg tv-bot" }, el("p", { text: intro })));
      this.log.append(el("div", { class: "tv-msg tv-bot" }, el("p", { text: this.t("choose_tool") })), list);
      this.setProgress(null);
      this.form.hidden = true;
    }

    async joinRoom() {
      const r = await this.safe(() => this.api("GET", `/api/v1/rooms/${encodeURIComponent(options.room)}`));
      if (!r || r.status !== 200) return this.roomRefused(r, () => this.joinRoom());
      if (!script.dataset.lang) this.lang = r.data.language;
      this.tool = r.data.warmup;
      this.relabel();
      this.id = store.get(storageKey(this.tool));
      if (this.id && (await this.resume())) return;
      await this.start(this.tool, { room: options.room });
    }

    roomRefused(r, retry) {
      const code = r && r.data && r.data.error && r.data.error.code;
      const known = { room_not_found: 1, room_closed: 1, room_expired: 1, too_many_tries: 1 };
      if (!known[code]) return this.showError(r, retry);
      this.log.replaceChildren(el("div", { class: "tv-msg tv-bot" }, el("p", { text: this.t(code) })));
      this.form.hidden = true;
      this.setProgress(null);
    }

    async upload(file) {
      let saved = null;
      try { saved = JSON.parse(await file.text()); } catch { saved = null; }
      if (!saved || file.size > 60000) { this.status.textContent = this.t("upload_bad"); return; }
      await this.start("followup", { followup: saved });
    }

    async start(tool, extra = {}) {
      this.tool = tool;
      this.log.replaceChildren();
      this.setBusy(true);
      if (tool === "group" && options.prepared) extra = { prepared: options.prepared, ...extra };
      const named = tool === "followup" || extra.room ? {} : { tool };
      const body = { ...named, language: this.lang, ...(options.partner ? { partner: options.partner } : {}), ...extra };
      const r = await this.safe(() => this.api("POST", "/api/v1/conversations", body));
      this.setBusy(false);
      if (extra.room && r && [404, 410, 429].includes(r.status)) return this.roomRefused(r, () => this.start(tool, extra));
      if (r && r.status === 422 && extra.followup) {
        const code = r.data && r.data.error && r.data.error.code;
        this.showToolChoice();
        this.status.textContent = this.t(code === "not_for_follow_up" ? "upload_not_for_follow_up" : "upload_bad");
        return;
      }
      if (!r || r.status !== 201) return this.showError(r, () => this.start(tool, extra));
      this.id = r.data.id;
      store.set(storageKey(tool), this.id);
      if (!options.tool) store.set(storageKey("last"), tool);
      this.form.hidden = false;
      this.relabel();
      this.render(r.data);
      this.restoreDraft();
      this.input.focus();
    }

    async resume() {
      const r = await this.safe(() => this.api("GET", `/api/v1/conversations/${this.id}`));
      if (!r || r.status === 404) { store.remove(storageKey(this.tool)); this.id = null; return false; }
      if (r.status !== 200) { this.showError(r, () => this.resume()); return true; }
      if (r.data.language && r.data.language !== this.lang) { this.lang = r.data.language; }
      this.relabel();
      this.form.hidden = false;
      for (const m of r.data.messages) this.addMessage(m, m.from === "leader");
      this.afterTurn(r.data);
      this.restoreDraft();
      return true;
    }

    async sendText() {
      const text = this.input.value.trim();
      if (!text) { this.status.textContent = this.t("empty"); return; }
      if (text.length > 2000) { this.status.textContent = this.t("too_long", { limit: 2000 }); return; }
      await this.send({ text }, text);
    }

    async send(body, shown, key = newKey()) {
      if (this.busy || !this.id) return;
      this.hadFocus = Boolean(this.root.activeElement);
      clearTimeout(this.retryTimer);
      this.pending = { body, shown };
      this.setBusy(true);
      // One key per message, kept on every retry: a message whose reply was lost is never applied twice.
      const r = await this.safe(() => this.api("POST", `/api/v1/conversations/${this.id}/messages`, body, { "Idempotency-Key": key }));
      this.setBusy(false);
      if (!r || r.status !== 200) return this.showError(r, () => this.send(body, shown, key));
      this.pending = null;
      this.addMessage({ text: shown }, true);
      if (body.text !== undefined) { this.input.value = ""; this.saveDraft(); }
      this.render(r.data);
    }

    async safe(call) {
      try { return await call(); } catch { return null; }
    }

    showError(r, retry) {
      const status = r ? r.status : 0;
      if (status === 404) {
        store.remove(storageKey(this.tool));
        this.id = null;
        this.relabel();
        this.status.textContent = this.t("gone");
        return this.showToolChoice();
      }
      if (status === 403) { this.status.textContent = this.t("not_allowed"); return; }
      if (status === 413) { this.status.textContent = this.t("too_long", { limit: 2000 }); return; }
      if (status === 422 && r.data && r.data.error && r.data.error.code === "empty_text") { this.status.textContent = this.t("empty"); return; }
      const seconds = r && r.retryAfter ? r.retryAfter : 5;
      if (status === 429) { this.status.textContent = this.t("slow_down"); }
      else if (status === 0 || status === 503 || status === 502 || status === 504) { this.status.textContent = this.t("offline", { seconds }); }
      else { this.status.textContent = this.t("error"); }
      // The text stays in the box (and in the draft), and we try again by ourselves.
      const again = el("button", { type: "button", class: "tv-retry", text: this.t("retry_now"), onclick: () => { this.status.textContent = ""; retry(); } });
      this.status.append(" ", again);
      this.retryTimer = setTimeout(() => { this.status.textContent = ""; retry(); }, seconds * 1000);
    }

    render(reply) {
      for (const m of reply.messages) this.addMessage(m, false);
      this.afterTurn(reply);
    }

    afterTurn(reply) {
      this.setProgress(reply.progress);
      this.state = reply.state;
      // Only the newest buttons can be pressed.
      const groups = this.log.querySelectorAll(".tv-buttons");
      groups.forEach((g, i) => { if (i < groups.length - 1) g.remove(); });
      this.log.scrollTop = this.log.scrollHeight;
      // The tapped button is gone: keep the keyboard where the leader is going next.
      if (this.hadFocus && !this.root.activeElement) {
        const downloads = this.log.querySelectorAll(".tv-download");
        (reply.state === "completed" && downloads.length ? downloads[downloads.length - 1] : this.input).focus();
      }
    }

    addMessage(m, fromLeader) {
      if (m.document) {
        const d = m.document;
        const link = (url, text, cls = "tv-download") => el("a", { class: cls, href: `${base}${url}`, download: "", text });
        const card = el("div", { class: "tv-msg tv-bot tv-doc" }, link(d.url, `${this.t("download")}: ${d.title}`));
        const more = el("p", { class: "tv-doc-more" });
        if (d.a4_url) more.append(link(d.a4_url, this.t("a4_version"), "tv-doc-link"));
        if (d.calendar_url) more.append(link(d.calendar_url, this.t("calendar"), "tv-doc-link"));
        if (d.save_url) more.append(link(d.save_url, this.t("save_file"), "tv-doc-link"));
        if (more.childNodes.length) card.append(more);
        this.log.append(card);
        return;
      }
      if (m.text) {
        const who = el("span", { class: "tv-sr-only", text: `${fromLeader ? this.t("you") : this.t("guide")}: ` });
        const body = fromLeader ? el("p", { text: m.text }) : linkified(m.text);
        this.log.append(el("div", { class: `tv-msg ${fromLeader ? "tv-leader" : "tv-bot"}` }, who, body));
      }
      if (!fromLeader && m.buttons && m.buttons.length) {
        const group = el("div", { class: "tv-buttons" });
        for (const b of m.buttons) {
          const cls = CONTROL.test(b.payload) ? "tv-choice tv-control" : "tv-choice";
          const opens = /^\/open_tool\{"tool": "([a-z]+)"\}$/.exec(b.payload);
          const action = opens ? () => this.start(opens[1]) : () => this.send({ payload: b.payload }, b.title);
          group.append(el("button", { type: "button", class: cls, text: b.title, onclick: action }));
        }
        this.log.append(group);
      }
    }

    setProgress(p) {
      const show = p && p.total;
      this.progressText.textContent = show ? this.t("progress", p) : "";
      this.progressBar.hidden = !show;
      const percent = show ? Math.round((100 * p.step) / p.total) : 0;
      this.progressBar.setAttribute("aria-valuenow", String(percent));
      this.progressBar.firstChild.style.width = `${percent}%`;
    }

    setBusy(busy) {
      this.busy = busy;
      this.sendButton.disabled = busy;
      this.frame.setAttribute("aria-busy", String(busy));
      if (busy) {
        this.typing = el("div", { class: "tv-typing", "aria-hidden": "true" }, el("span"), el("span"), el("span"));
        this.log.append(this.typing);
        this.status.textContent = this.t("typing");
      } else {
        if (this.typing) this.typing.remove();
        if (this.status.textContent === this.t("typing")) this.status.textContent = "";
      }
    }

    saveDraft() { store.set(`${storageKey(this.tool)}:draft`, this.input.value); }
    restoreDraft() {
      const draft = store.get(`${storageKey(this.tool)}:draft`);
      if (draft && !this.input.value) this.input.value = draft;
    }

    async switchLanguage() {
      const label = this.t("switch_language");
      this.lang = this.lang === "da" ? "en" : "da";
      this.relabel();
      if (this.id) await this.send({ payload: `/language{"language": "${this.lang}"}` }, label);
      else this.showToolChoice();
    }

    async restart() {
      if (!this.id || !window.confirm(this.t("restart_confirm"))) return;
      await this.send({ payload: "/start_over" }, this.t("restart"));
    }

    async deleteData() {
      if (!this.id || !window.confirm(this.t("delete_confirm"))) return;
      const r = await this.safe(() => this.api("DELETE", `/api/v1/conversations/${this.id}`));
      if (!r || (r.status !== 204 && r.status !== 404)) return this.showError(r, () => this.deleteData());
      store.remove(storageKey(this.tool));
      store.remove(`${storageKey(this.tool)}:draft`);
      this.id = null;
      this.input.value = "";
      this.relabel();
      this.showToolChoice();
      this.status.textContent = this.t("deleted");
    }
  }

  function mount() {
    let host;
    if (options.mode === "inline") {
      host = document.getElementById(options.target);
      if (!host) return;
    } else {
      host = document.createElement("div");
      document.body.append(host);
    }
    host.classList.add("trivsel-widget-host");
    new Widget(host).boot();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
