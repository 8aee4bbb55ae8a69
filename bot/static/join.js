/* The join page. At /r it asks for the code and goes to /r/CODE, where the widget joins the room. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const hasCode = /^\/r\/[^/]+$/.test(location.pathname);
  const lang = (navigator.language || "da").toLowerCase().startsWith("da") ? "da" : "en";
  $("trivsel-chat").hidden = !hasCode;
  fetch("/api/v1/texts").then((r) => r.json()).then((texts) => {
    const t = texts[lang];
    $("join-title").textContent = t.join_title;
    $("join-title").lang = lang;
    if (hasCode) return;
    document.documentElement.lang = lang;
    $("join-lead").textContent = t.join_lead;
    $("join-button").textContent = t.join_button;
    $("join").hidden = false;
    $("code").focus();
  });
  $("join").addEventListener("submit", (event) => {
    event.preventDefault();
    const code = $("code").value.replace(/[\s-]/g, "").toUpperCase();
    if (code) location.href = `/r/${encodeURIComponent(code)}`;
  });
})();
