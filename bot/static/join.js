/* The join page. At /r it asks for the code and goes to /r/CODE, where the widget joins the room. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const hasCode = /^\/r\/[^/]+$/.test(location.pathname);
  const phone = (navigator.language || "da").toLowerCase().startsWith("da") ? "da" : "en";
  $("trivsel-chat").hidden = !hasCode;
  // In a room the heading speaks the room's language, as the conversation below it does (a Danish room
  // on a phone set to English showed "Join the warm-up" above Danish questions); without one, the phone's.
  const roomLanguage = hasCode
    ? fetch(`/api/v1/rooms/${location.pathname.split("/")[2]}`).then((r) => (r.ok ? r.json() : {})).then((room) => room.language, () => null)
    : Promise.resolve(null);
  Promise.all([fetch("/api/v1/texts").then((r) => r.json()), roomLanguage]).then(([texts, inRoom]) => {
    const lang = inRoom === "da" || inRoom === "en" ? inRoom : phone;
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
