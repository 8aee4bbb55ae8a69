/* The chat widget: plain JS, no build step, one global (TrivselWidget, the host page's API).
 * <script src="https://HOST/widget.js" data-tool="leader" data-lang="da" async></script>
 * data-mode="inline" data-target="ELEMENT-ID" renders into an element instead of a launcher.
 * data-room="CODE" (or "path" for the join page /r/CODE) joins a facilitator's room;
 * data-prepared="HOST-KEY" starts Værktøj 2 with a preparation room's result.
 * Everything is shown with textContent: nothing the leader or the bot writes becomes HTML.
 * The host page may call TrivselWidget.open(), .close(), .start(tool, language) and listen on
 * document for trivsel:ready, trivsel:opened, trivsel:closed, trivsel:tool (the conversation
 * shown changed: detail.tool is its tool, "" for the list of tools) and trivsel:completed (detail:
 * the tool and the documents' kinds, never anything anyone wrote).
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

  // A button's title as typed on a phone: any case, æ/ø/å or not, a "tak"/"please" or a full stop after it.
  function foldTitle(text) {
    return text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/oe/g, "o").replace(/å/g, "aa")
      .replace(/[.!?,]+/g, " ").replace(/\s+(?:tak|please|thanks)\s*$/, "").replace(/\s+/g, " ").trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
  }
  // Links in the guide's own messages open in a new tab, without giving that tab a handle on this page;
  // the phone numbers in them (112, Livslinien's 70 201 201) call on a tap, as a phone user expects.
  function linkified(text) {
    const p = el("p");
    let last = 0;
    // (no lookbehind: older Safari cannot parse one, and the widget would not load at all)
    const found = /https:\/\/[^\s<>"]+[^\s<>".,;:!?)]|(^|[^\w])(112|70 201 201)(?![\w])/g;
    for (const match of text.matchAll(found)) {
      const before = match[1] || "";
      const link = match[2] || match[0];
      const at = match.index + before.length;
      p.append(text.slice(last, at));
      const attrs = match[2]
        ? { href: "tel:" + link.replace(/ /g, ""), text: link }
        : { href: link, target: "_blank", rel: "noopener noreferrer", text: link };
      p.append(el("a", attrs));
      last = at + link.length;
    }
    p.append(text.slice(last));
    return p;
  }
  const motion = () => (matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");
  // The launcher's panel fills a phone's screen (widget.css has the same width).
  const phone = () => matchMedia("(max-width: 599.98px)").matches;
  // A touch screen: focusing the text field would open the on-screen keyboard over the buttons.
  const touch = () => matchMedia("(pointer: coarse)").matches;
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
      this.openers = {};  // the folded titles of the buttons offered last that open a tool, and the tool
      this.retryTimer = null;
      this.pending = null;
      this.host = host;
      this.booted = new Promise((resolve) => { this.bootDone = resolve; });
      const root = host.attachShadow({ mode: "open" });
      root.append(el("link", { rel: "stylesheet", href: `${base}/widget.css` }));
      this.root = root;
    }

    t(key, values = {}) { return fill((this.texts && this.texts[this.lang][key]) || key, values); }

    // The answer field in the form that fits who is typing: "Jeres svar" when a group types together
    // (a tool that speaks to a group; one prepared alone first, only once the group reads along; never
    // a room's warm-up, where each participant answers for themselves).
    labelInput() {
      const tool = this.tools.find((t) => t.id === this.tool);
      const onScreen = this.shared || (this.tool === "group" && Boolean(options.prepared)); // a preparation room's start: on the projector
      const together = Boolean(tool && tool.address === "plural" && !options.room && (!tool.prepared_alone || onScreen));
      const label = (key) => (together && this.texts && this.texts[this.lang][`${key}_plural`] ? this.t(`${key}_plural`) : this.t(key));
      this.inputLabel.textContent = label("input_label");
      this.input.placeholder = label("placeholder");
    }

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

    // Events for the host page: on the host element, bubbling to the document.
    emit(name, detail = {}) {
      this.host.dispatchEvent(new CustomEvent(`trivsel:${name}`, { bubbles: true, composed: true, detail }));
    }

    async boot() {
      await this.load();
      this.bootDone();
      this.emit("ready", { mode: options.mode });
    }

    async load() {
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
      this.menuButton = el("button", { type: "button", class: "tv-tool-button", onclick: () => this.backToMenu() });
      this.deleteButton = el("button", { type: "button", class: "tv-tool-button tv-danger", onclick: () => this.deleteData() });
      // In a narrow widget (a phone) one row of buttons: starting over and choosing another tool fold
      // behind "Mere", so the messages get the room; "Slet mine data" stays one tap away.
      this.moreButton = el("button", { type: "button", class: "tv-tool-button tv-more", "aria-expanded": "false", "aria-controls": "tv-folded", onclick: () => this.fold() });
      const folded = el("span", { class: "tv-folded", id: "tv-folded" }, this.restartButton, this.menuButton);
      this.top = el("div", { class: "tv-top" }, this.titleEl);
      const header = el("header", { class: "tv-header" }, this.top,
        el("div", { class: "tv-tools" }, this.langButton, this.deleteButton, this.moreButton, folded),
        this.progressText, this.progressBar);
      this.log = el("div", { class: "tv-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
      const loud = () => this.log.classList.remove("tv-quiet");
      this.log.addEventListener("keydown", loud);
      this.log.addEventListener("blur", loud);
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
      // Escape answers an open question with "no", else closes the launcher's panel.
      frame.addEventListener("keydown", (e) => {
        if (e.key !== "Escape") return;
        if (this.asking) { e.stopPropagation(); this.closeAsk(true); }
        else if (this.launcher) { e.stopPropagation(); this.toggle(false); }
      });
      if (options.mode === "launcher") {
        this.launcher = el("button", { type: "button", class: "tv-launcher", "aria-expanded": "false", onclick: () => this.toggle() });
        this.launcher.addEventListener("keydown", (e) => { if (e.key === "Escape") this.toggle(false); });
        this.closeButton = el("button", { type: "button", class: "tv-tool-button tv-close", onclick: () => this.toggle(false) });
        this.top.append(this.closeButton);
        frame.hidden = true;
        frame.classList.add("tv-floating");
        this.root.append(this.launcher, frame);
        // Full screen on a phone: the panel follows the visual viewport, so the on-screen keyboard never covers the input.
        const fit = () => this.fit();
        if (window.visualViewport) {
          visualViewport.addEventListener("resize", fit);
          visualViewport.addEventListener("scroll", fit);
        }
        addEventListener("resize", fit);
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
      this.menuButton.textContent = this.t("other_tool");
      this.deleteButton.textContent = this.t("delete");
      this.moreButton.textContent = this.t("menu");
      this.labelInput();
      this.sendButton.textContent = this.t("send");
      if (this.launcher) this.launcher.textContent = this.t("open");
      if (this.closeButton) this.closeButton.textContent = this.t("close");
      const conversationOpen = Boolean(this.id);
      this.restartButton.hidden = !conversationOpen;
      this.menuButton.hidden = !conversationOpen || Boolean(options.room);
      this.deleteButton.hidden = !conversationOpen;
      this.moreButton.hidden = !conversationOpen;
      this.fold(false);
    }

    // Shows or hides the buttons folded behind "Mere" (only a narrow widget folds them: widget.css).
    fold(open = this.moreButton.getAttribute("aria-expanded") !== "true") {
      this.moreButton.setAttribute("aria-expanded", String(open));
      this.frame.classList.toggle("tv-unfolded", open);
    }

    toggle(open, focus = true) {
      if (!this.launcher) return;
      const show = open === undefined ? this.frame.hidden : open;
      if (show === !this.frame.hidden) return;
      this.frame.hidden = !show;
      this.launcher.setAttribute("aria-expanded", String(show));
      this.fit();
      if (show && this.startOnOpen) {
        this.startOnOpen = false;
        this.start(this.tool);
      } else if (show) {
        this.reveal(this.anchor, "auto", this.opening);
        if (focus) this.focusIn(false);
      } else if (focus) this.launcher.focus();
      this.emit(show ? "opened" : "closed");
    }

    // The launcher's panel on a phone: as tall as what the leader sees, above the keyboard.
    fit() {
      const vv = window.visualViewport;
      const full = this.launcher && !this.frame.hidden && phone() && vv;
      this.frame.style.height = full ? `${vv.height}px` : "";
      this.frame.style.top = full ? `${vv.offsetTop}px` : "";
      if (full && this.root.activeElement === this.input) this.reveal(this.anchor, "auto", this.opening);
    }

    // Scrolls the log, never the page, to show `first` (a reply's first message): all of the reply if it fits, else its start.
    // As a conversation opens (`opening`), its question comes first: the end of the opening, with the question and its
    // buttons, and as much of the welcome above them as fits (the rest is a swipe up); the question's start at least.
    reveal(first, behavior = motion(), opening = false) {
      const log = this.log;
      const bottom = log.scrollHeight - log.clientHeight;
      const at = (node) => log.scrollTop + node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
      let top = bottom;
      if (first && first.isConnected) {
        const question = opening && [...log.querySelectorAll(".tv-bot")].pop();
        top = Math.min(bottom, question ? at(question) : at(first));
      }
      if (log.scrollTo) log.scrollTo({ top, behavior });
      else log.scrollTop = top;
    }

    // An inline question with buttons in place of the input: window.confirm is blocked in sandboxed frames.
    ask(question, detail, choices) {
      this.closeAsk(false);
      const opener = this.root.activeElement;
      const text = el("p", { class: "tv-ask-text", id: "tv-ask-text", text: question });
      const more = detail ? el("p", { class: "tv-ask-more", id: "tv-ask-more", text: detail }) : null;
      const buttons = el("div", { class: "tv-buttons" });
      for (const [label, action, cls] of choices) {
        buttons.append(el("button", { type: "button", class: `tv-choice ${cls || ""}`, text: label, onclick: () => { this.closeAsk(!action); if (action) action(); } }));
      }
      const panel = el("div", { class: "tv-ask", role: "group", tabindex: "-1", "aria-labelledby": "tv-ask-text", ...(more ? { "aria-describedby": "tv-ask-more" } : {}) }, text, more, buttons);
      this.asking = { panel, opener, formHidden: this.form.hidden };
      this.form.hidden = true;
      this.frame.insertBefore(panel, this.form);
      this.reveal(null, "auto");
      panel.focus();
    }

    closeAsk(returnFocus) {
      const asking = this.asking;
      if (!asking) return;
      this.asking = null;
      asking.panel.remove();
      this.form.hidden = asking.formHidden;
      this.reveal(null, "auto");
      if (returnFocus && asking.opener && asking.opener.isConnected) asking.opener.focus();
    }

    // A tool from the menu, a button or the host page: a conversation kept in this browser goes on, else a new one starts.
    async choose(tool) {
      this.closeAsk(false);
      this.startOnOpen = false;
      if (tool === this.tool && this.id) return; // already open
      const kept = store.get(storageKey(tool));
      if (kept) {
        this.tool = tool;
        this.id = kept;
        if (await this.resume()) {
          if (!options.tool) store.set(storageKey("last"), tool);
          if (!this.frame.hidden) this.focusIn();
          return this.inSight();
        }
      }
      await this.start(tool);
      this.inSight();
    }

    showToolChoice() {
      this.log.replaceChildren();
      this.anchor = null;
      this.state = null;
      const list = el("div", { class: "tv-buttons" });
      // A conversation the leader kept is said so on its tool's button (a kept follow-up gets a button of its own).
      const ids = this.tools.map((t) => t.id).concat(store.get(storageKey("followup")) ? ["followup"] : []);
      for (const id of ids) {
        const kept = store.get(storageKey(id)) ? ` (${this.t("kept_mark")})` : "";
        list.append(el("button", { type: "button", class: "tv-choice", text: this.toolName(id) + kept, onclick: () => this.choose(id) }));
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
      this.emit("tool", { tool: "" });
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
      this.followup = saved; // in memory only, to start over from the same file
      await this.start("followup", { followup: saved });
    }

    async start(tool, extra = {}) {
      this.closeAsk(false);
      this.startOnOpen = false;
      this.tool = tool;
      this.state = null;
      this.shared = false;
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
      this.render(r.data, true);
      this.restoreDraft();
      this.emit("tool", { tool });
      if (!this.frame.hidden) this.focusIn();
    }

    async resume() {
      this.log.replaceChildren();
      const r = await this.safe(() => this.api("GET", `/api/v1/conversations/${this.id}`));
      if (!r || r.status === 404) { store.remove(storageKey(this.tool)); this.id = null; this.relabel(); return false; }
      if (r.status !== 200) { this.showError(r, () => this.resume()); return true; }
      if (r.data.language && r.data.language !== this.lang) { this.lang = r.data.language; }
      this.relabel();
      this.form.hidden = false;
      // Earlier turns above, then "Welcome back" and the open question (the guide's last messages) in view.
      const messages = r.data.messages;
      let open = messages.length;
      while (open > 0 && messages[open - 1].from !== "leader") open -= 1;
      this.shared = false;
      if (r.data.shared) this.share();
      // After a pause the guide's last turn is the pause itself: the welcome names the way on instead.
      const last = messages[messages.length - 1];
      const paused = !!(last && last.from !== "leader" && (last.buttons || []).some((b) => b.payload === "/resume"));
      messages.forEach((m, i) => {
        if (i === open) this.log.append(el("p", { class: "tv-welcome", text: this.t(paused ? "welcome_back_paused" : "welcome_back") }));
        this.addMessage(m, m.from === "leader");
      });
      this.anchor = this.log.querySelector(".tv-welcome");
      this.afterTurn(r.data, this.anchor, "auto", true);
      this.restoreDraft();
      this.emit("tool", { tool: this.tool });
      return true;
    }

    async sendText() {
      const text = this.input.value.trim();
      if (!text) { this.status.textContent = this.t("empty"); return; }
      if (text.length > 2000) { this.status.textContent = this.t("too_long", { limit: 2000 }); return; }
      // The title of a button that opens the next tool, typed instead of tapped, opens it: the engine never sees
      // that button (a user walk typed "lav en plan for organisationen" and was told the conversation was over).
      const opens = this.openers[foldTitle(text)];
      if (opens) {
        this.input.value = "";
        this.saveDraft();
        return this.choose(opens);
      }
      await this.send({ text }, text);
    }

    async send(body, shown, key = newKey(), fresh = false) {
      if (this.busy || !this.id) return;
      this.openers = {};  // what the last turn offered is passed once the leader answers it
      this.hadFocus = Boolean(this.root.activeElement);
      clearTimeout(this.retryTimer);
      this.pending = { body, shown };
      this.setBusy(true);
      // One key per message, kept on every retry: a message whose reply was lost is never applied twice.
      const r = await this.safe(() => this.api("POST", `/api/v1/conversations/${this.id}/messages`, body, { "Idempotency-Key": key }));
      this.setBusy(false);
      if (!r || r.status !== 200) return this.showError(r, () => this.send(body, shown, key, fresh));
      this.pending = null;
      if (fresh) this.log.replaceChildren();
      else if (r.data.shared && !this.shared) this.share();
      else this.addMessage({ text: shown }, true);
      if (body.text !== undefined) { this.input.value = ""; this.saveDraft(); }
      const was = this.state;
      this.render(r.data);
      // The host page hears that a conversation is done: its tool and documents' kinds, nothing anyone wrote.
      if (r.data.state === "completed" && was !== "completed") {
        const kinds = r.data.messages.filter((m) => m.document).map((m) => m.document.kind);
        this.emit("completed", { tool: this.tool, kinds });
      }
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

    // The group reads along from here (Værktøj 2's meeting): a clean screen, without the preparation,
    // which held what the leader wrote for themselves; a reload shows only this part too (the gateway).
    share() {
      this.shared = true;
      // Started from a preparation room, nothing was written alone: no part of the guide is the leader's own.
      const banner = this.tool === "group" && options.prepared ? "shared_start_prepared" : "shared_start";
      this.log.replaceChildren(el("p", { class: "tv-shared", text: this.t(banner) }));
      this.labelInput();
    }

    render(reply, opening = false) {
      const before = this.log.children.length;
      for (const m of reply.messages) this.addMessage(m, false);
      this.afterTurn(reply, this.log.children[before], undefined, opening);
    }

    afterTurn(reply, first, behavior, opening = false) {
      // A switch typed in words ("can we do the rest in danish") is the conversation's: the widget's own labels follow.
      if (reply.language && reply.language !== this.lang) { this.lang = reply.language; this.relabel(); }
      this.setProgress(reply.progress);
      this.state = reply.state;
      // Only the newest buttons can be pressed.
      const groups = this.log.querySelectorAll(".tv-buttons");
      groups.forEach((g, i) => { if (i < groups.length - 1) g.remove(); });
      this.anchor = first;
      this.opening = opening;
      this.reveal(first, behavior, opening);
      // The tapped button is gone: keep the keyboard where the leader is going next.
      if (this.hadFocus && !this.root.activeElement) {
        const downloads = this.log.querySelectorAll(".tv-download");
        if (reply.state === "completed" && downloads.length) downloads[downloads.length - 1].focus({ preventScroll: true });
        else this.focusIn();
      }
      if (this.hadFocus) this.inSight();
      this.hadFocus = false;
    }

    // Where the keyboard goes when the guide has asked: to the text field for a question answered in words, but
    // never on a touch screen (its keyboard would cover the buttons and half the messages); to the first of the
    // new buttons when the guide offers some, on opening to the messages above them (read first, one Tab away).
    // The messages take the focus quietly: their ring shows once a key is pressed there (widget.css).
    focusIn(preventScroll = true) {
      const last = this.log.lastElementChild;
      const offers = last && last.classList.contains("tv-buttons") && !this.form.hidden;
      const answer = offers ? last.querySelector(".tv-choice:not(.tv-control)") : null;
      let target = this.form.hidden || touch() ? this.log : this.input;
      if (answer) target = this.opening ? this.log : last.querySelector("button");
      if (target === this.log) this.log.classList.add("tv-quiet");
      target.focus({ preventScroll });
    }

    // Inline on a longer page, the leader who is in the widget keeps the input in sight (the page scrolls as little as it can).
    inSight() {
      if (!this.launcher && !this.form.hidden) this.form.scrollIntoView({ block: "nearest" });
    }

    addMessage(m, fromLeader) {
      if (m.document) {
        const d = m.document;
        const link = (url, text, cls = "tv-download") => el("a", { class: cls, href: `${base}${url}`, download: "", text });
        // "Hent PDF: Vores aftale – plakat i A3", and the A4 link first below it ("Også i A4")
        const name = d.paper ? `${d.title} – ${d.paper}` : d.title;
        const card = el("div", { class: "tv-msg tv-bot tv-doc" }, link(d.url, `${this.t("download")}: ${name}`));
        const more = el("p", { class: "tv-doc-more" });
        if (d.a4_url) more.append(link(d.a4_url, d.paper_a4 || this.t("a4_version"), "tv-doc-link"));
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
          if (opens) this.openers[foldTitle(b.title)] = opens[1];
          const action = opens ? () => this.choose(opens[1]) : b.payload === "/start_over" ? () => this.restart() : () => this.send({ payload: b.payload }, b.title);
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
      // A second tap while the guide answers the first would be lost without a word: the buttons wait too.
      this.log.querySelectorAll(".tv-buttons button").forEach((b) => { b.disabled = busy; });
      this.frame.setAttribute("aria-busy", String(busy));
      if (busy) {
        this.typing = el("div", { class: "tv-typing", "aria-hidden": "true" }, el("span"), el("span"), el("span"));
        this.log.append(this.typing);
        this.reveal(null);
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
      this.closeAsk(false);
      const label = this.t("switch_language");
      this.lang = this.lang === "da" ? "en" : "da";
      this.relabel();
      if (this.id) await this.send({ payload: `/language{"language": "${this.lang}"}` }, label);
      else this.showToolChoice();
    }

    // Erases the open conversation on the server and in this browser; false if that failed (the error is shown).
    async erase(again) {
      const r = await this.safe(() => this.api("DELETE", `/api/v1/conversations/${this.id}`));
      if (!r || (r.status !== 204 && r.status !== 404)) { this.showError(r, again); return false; }
      store.remove(storageKey(this.tool));
      store.remove(`${storageKey(this.tool)}:draft`);
      if (store.get(storageKey("last")) === this.tool) store.remove(storageKey("last"));
      this.id = null;
      this.input.value = "";
      this.relabel();
      return true;
    }

    restart() {
      if (!this.id) return;
      this.ask(this.t("restart_confirm"), "", [[this.t("restart_yes"), () => this.startOver(), "tv-danger"], [this.t("cancel")]]);
    }

    // Starting over erases the conversation and starts the same tool afresh: a clear screen, no dead links.
    async startOver() {
      const tool = this.tool;
      if (tool === "followup" && !this.followup) {
        // The uploaded file is gone after a reload: the same conversation starts over, and the screen is cleared.
        return this.send({ payload: "/start_over" }, this.t("restart"), newKey(), true);
      }
      if (!(await this.erase(() => this.startOver()))) return;
      if (options.room) await this.joinRoom();
      else await this.start(tool, tool === "followup" ? { followup: this.followup } : {});
      if (this.id) this.status.textContent = this.t("restarted");
    }

    // Back to the tools: the leader decides whether the open conversation is deleted or kept (and is told what keeping means).
    toolName(id) {
      const tool = this.tools.find((t) => t.id === id);
      return tool ? tool.title[this.lang] : id === "followup" ? this.t("followup_upload") : id;
    }

    backToMenu() {
      if (!this.id) return;
      const tool = this.toolName(this.tool);
      this.ask(this.t("other_tool_ask"), this.t("other_tool_keep_means", { tool }), [
        [this.t("other_tool_delete"), () => this.leave(true, tool), "tv-danger"],
        [this.t("other_tool_keep"), () => this.leave(false, tool)],
        [this.t("cancel")],
      ]);
    }

    async leave(erase, tool) {
      if (erase && !(await this.erase(() => this.leave(true, tool)))) return;
      if (!erase) {
        store.remove(storageKey("last"));
        this.id = null;
        this.relabel();
      }
      this.showToolChoice();
      this.status.textContent = this.t(erase ? "other_tool_deleted" : "other_tool_kept", { tool });
      const first = this.log.querySelector(".tv-choice");
      if (first) first.focus();
    }

    deleteData() {
      if (!this.id) return;
      this.ask(this.t("delete_confirm"), "", [[this.t("delete_yes"), () => this.deleteNow(), "tv-danger"], [this.t("cancel")]]);
    }

    async deleteNow() {
      if (!(await this.erase(() => this.deleteNow()))) return;
      this.showToolChoice();
      this.status.textContent = this.t("deleted");
      const first = this.log.querySelector(".tv-choice");
      if (first) first.focus();
    }
  }

  // The host page's API: TrivselWidget.open(), .close(), .start(tool, language); each waits for the widget to be ready.
  function expose(widget) {
    if (window.TrivselWidget) return; // one widget per page answers; the first one
    const api = {
      async open() { await widget.booted; if (widget.launcher) widget.toggle(true); else widget.host.scrollIntoView({ block: "nearest" }); },
      async close() { await widget.booted; widget.toggle(false); },
      async start(tool, language) {
        await widget.booted;
        if (!widget.tools.some((t) => t.id === tool)) throw new Error(`TrivselWidget.start: no tool "${tool}" here`);
        if (language === "da" || language === "en") { widget.lang = language; widget.relabel(); }
        widget.startOnOpen = false;
        if (widget.launcher) widget.toggle(true, false);
        await widget.choose(tool);
        if (!widget.frame.hidden) widget.focusIn(!widget.launcher);
      },
    };
    window.TrivselWidget = Object.freeze(api);
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
    if (options.mode !== "inline") host.classList.add("tv-launcher-host");
    const widget = new Widget(host);
    if (!options.room) expose(widget);
    widget.boot();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
