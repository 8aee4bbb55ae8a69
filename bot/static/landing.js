/* The landing page: its tool list starts a tool in the chat widget, embedded inline.
 * The page is the menu; `?tool=ID` is the conversation with that tool, so a reload (or a link)
 * opens the same conversation, and the browser's Back returns to the menu. The widget is
 * mounted with its documented attributes only (data-mode, data-target, data-tool, data-lang).
 * A saved file for a follow-up is handed to the widget's own file input (#tv-upload), which
 * it shows when it offers its tools. When the leader leaves a tool inside the widget ("Vælg et
 * andet værktøj"), or picks another there, the address follows (the widget's trivsel:tool event),
 * so a reload shows what the leader last saw; the list marks the conversations this browser keeps
 * (a finished one as finished, its documents to get: its state asked of the API).
 */
(() => {
  "use strict";
  const lang = document.documentElement.lang === "en" ? "en" : "da";
  const menu = document.getElementById("menu");
  const conversation = document.getElementById("conversation");
  const heading = document.getElementById("conversation-title");
  const status = document.getElementById("landing-status");
  const upload = document.getElementById("tv-upload");
  const resume = document.getElementById("resume");
  const resumeButton = document.getElementById("resume-button");
  const pageTitle = document.title;
  const starts = new Map(Array.from(document.querySelectorAll("button[data-tool]"), (b) => [b.dataset.tool, b]));
  starts.set("followup", document.getElementById("followup"));
  let shown = "";

  function toolInUrl() {
    const tool = new URLSearchParams(location.search).get("tool") || "";
    return starts.has(tool) ? tool : "";
  }

  // A fresh widget in a fresh host: the old one (if any) goes with its element.
  function mount(tool) {
    const host = document.createElement("div");
    host.id = "trivsel-chat";
    host.className = "chat";
    document.getElementById("trivsel-chat").replaceWith(host);
    document.querySelectorAll("script[data-landing]").forEach((s) => s.remove());
    if (tool === null) return host;
    const script = document.createElement("script");
    script.src = "/widget.js";
    Object.assign(script.dataset, { mode: "inline", target: "trivsel-chat", lang, landing: "" });
    if (tool) script.dataset.tool = tool;
    document.body.append(script);
    return host;
  }

  // The widget's own key for a conversation kept in this browser (data-partner is not set here).
  const kept = (tool) => {
    try { return localStorage.getItem(`trivsel:-:${tool}`) || ""; } catch { return ""; }
  };
  // Its state from the API: a finished conversation is offered for its documents, not to carry on.
  async function stateOf(id) {
    try {
      const r = await fetch(`/api/v1/conversations/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
      if (r.status === 404) return "";
      return r.ok ? (await r.json()).state || "active" : "active";
    } catch { return "active"; }
  }
  // The tool the widget last worked in here (its own key), offered at the top while it is under way.
  const last = () => {
    try { return localStorage.getItem("trivsel:-:last") || ""; } catch { return ""; }
  };
  function markKept() {
    resume.hidden = true;
    for (const button of document.querySelectorAll("button[data-tool]")) {
      const title = button.dataset.title;
      const id = kept(button.dataset.tool);
      button.textContent = title;
      if (!id) continue;
      stateOf(id).then((state) => {
        if (kept(button.dataset.tool) !== id) return;
        const mark = state === "completed" ? conversation.dataset.done : state ? conversation.dataset.kept : "";
        button.textContent = mark ? `${title} (${mark})` : title;
        if (state && state !== "completed" && button.dataset.tool === last() && !menu.hidden) {
          resumeButton.textContent = resume.dataset.text.replace("{tool}", title);
          resumeButton.onclick = () => go(button.dataset.tool);
          resume.hidden = false;
        }
      });
    }
  }

  function name(tool) {
    const button = starts.get(tool);
    return tool ? (button.dataset.title || button.textContent) : conversation.dataset.choose;
  }

  function titled(tool) {
    heading.textContent = name(tool);
    document.title = `${heading.textContent} · ${pageTitle}`;
  }

  function show(tool) {
    const was = shown;
    shown = tool;
    menu.hidden = Boolean(tool);
    conversation.hidden = !tool;
    if (!tool) {
      mount(null);
      markKept();
      document.title = pageTitle;
      if (was) starts.get(was).focus();
      return null;
    }
    status.textContent = "";
    titled(tool);
    // The follow-up is the widget's own: without a tool it resumes it, or offers its file input.
    const host = mount(tool === "followup" ? "" : tool);
    conversation.focus();
    window.scrollTo(0, 0);
    return host;
  }

  function go(tool) {
    history.pushState(null, "", tool ? `?tool=${tool}` : location.pathname);
    return show(tool);
  }

  // Waits for the widget to offer its file input, and gives it the chosen file. When the widget
  // resumes a conversation instead, the file is not used, and the leader is told so.
  function handOver(host, file) {
    const until = Date.now() + 15000;
    const look = () => {
      const root = host.shadowRoot;
      const input = root && root.getElementById("tv-upload");
      if (input) {
        const files = new DataTransfer();
        files.items.add(file);
        input.files = files.files;
        input.dispatchEvent(new Event("change"));
      } else if (root && root.querySelector(".tv-msg")) {
        go("");
        status.textContent = status.dataset.followupBusy;
      } else if (Date.now() < until && host.isConnected) {
        setTimeout(look, 50);
      }
    };
    look();
  }

  for (const [tool, button] of starts) {
    button.addEventListener("click", () => (tool === "followup" ? upload.click() : go(tool)));
  }
  upload.addEventListener("change", () => {
    const file = upload.files[0];
    upload.value = "";
    if (file) handOver(go("followup"), file);
  });
  document.getElementById("back").addEventListener("click", (event) => {
    event.preventDefault();
    go("");
  });
  window.addEventListener("popstate", () => show(toolInUrl()));
  // Inside the widget the leader went back to its list of tools, or chose another: the address
  // and the heading follow, without a new entry in the history.
  document.addEventListener("trivsel:tool", (event) => {
    const tool = event.detail.tool;
    // The follow-up runs in the widget's own list (it holds the file input): its address stays.
    if (conversation.hidden || shown === "followup" || tool === "followup" || (tool && !starts.has(tool))) return;
    history.replaceState(null, "", tool ? `?tool=${tool}` : location.pathname);
    titled(tool);
  });
  show(toolInUrl());
})();
