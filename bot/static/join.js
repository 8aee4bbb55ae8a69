/* The join page without a code (/r): ask for the code, then go to /r/CODE, where the widget joins. */
(() => {
  "use strict";
  if (/^\/r\/[^/]+$/.test(location.pathname)) return;
  const $ = (id) => document.getElementById(id);
  const lang = (navigator.language || "da").toLowerCase().startsWith("da") ? "da" : "en";
  $("trivsel-chat").hidden = true;
  fetch("/api/v1/texts").then((r) => r.json()).then((texts) => {
    const t = texts[lang];
    document.documentElement.lang = lang;
    $("join-title").textContent = t.join_title;
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
