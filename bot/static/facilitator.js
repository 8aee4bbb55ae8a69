/* The facilitator's page: pick a warm-up, open a room, keep the host link. No login. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "da";
  // The rooms opened in this browser, so a host link is not lost with the tab (kept until they expire).
  const MINE = "trivsel:rooms";
  const mine = {
    all() { try { return JSON.parse(localStorage.getItem(MINE) || "[]").filter((r) => r.expires_at * 1000 > Date.now()); } catch { return []; } },
    add(room, title) {
      const rooms = [{ host_url: room.host_url, code: room.code, title, expires_at: room.expires_at }, ...this.all()].slice(0, 10);
      try { localStorage.setItem(MINE, JSON.stringify(rooms)); } catch { /* private mode */ }
    },
  };

  function showMine(t) {
    const rooms = mine.all();
    $("mine").hidden = !rooms.length;
    $("mine-heading").textContent = t.my_rooms;
    $("mine-list").replaceChildren(...rooms.map((r) => {
      const item = document.createElement("li");
      const link = Object.assign(document.createElement("a"), { href: r.host_url, textContent: `${r.title} · ${r.code}` });
      item.append(link);
      return item;
    }));
  }

  async function getJson(path) {
    const r = await fetch(path);
    return r.json();
  }

  async function boot() {
    const [allTexts, offered] = await Promise.all([getJson("/api/v1/texts"), getJson("/api/v1/warmups")]);
    const t = allTexts[lang];
    document.documentElement.lang = lang;
    $("title").textContent = t.facilitator_title;
    $("lead").textContent = t.facilitator_lead;
    $("other-language").textContent = lang === "da" ? "In English" : "På dansk";
    $("other-language").href = lang === "da" ? "?lang=en" : "?lang=da";
    $("other-language").lang = lang === "da" ? "en" : "da";
    $("choose").textContent = t.choose_warmup;
    $("language-label").textContent = t.room_language;
    $("language").value = lang;
    $("open").textContent = t.open_room;
    $("blocked-label").textContent = t.blocked_words_label;
    $("blocked-hint").textContent = t.blocked_words_hint;
    $("host-link-heading").textContent = t.host_link;
    $("host-link-note").textContent = t.host_link_note;
    $("go").textContent = t.go_to_screen;
    offered.warmups.forEach((w, i) => {
      const id = `warmup-${w.id}`;
      const input = Object.assign(document.createElement("input"), { type: "radio", name: "warmup", value: w.id, id, checked: i === 0 });
      const label = document.createElement("label");
      label.htmlFor = id;
      const name = document.createElement("strong");
      name.textContent = w.title[lang];
      const pitch = document.createElement("span");
      pitch.textContent = w.pitch[lang];
      label.append(name, pitch);
      const row = document.createElement("div");
      row.className = "warmup";
      row.append(input, label);
      $("warmups").append(row);
    });
    $("open-room").addEventListener("submit", (event) => { event.preventDefault(); openRoom(t); });
    showMine(t);
    $("facilitator").setAttribute("aria-busy", "false");
  }

  async function openRoom(t) {
    const chosen = document.querySelector("input[name=warmup]:checked");
    $("open").disabled = true;
    $("status").textContent = t.opening;
    let r = null;
    try {
      r = await fetch("/api/v1/rooms", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ warmup: chosen.value, language: $("language").value, blocked_words: $("blocked-words").value }),
      });
    } catch { r = null; }
    $("open").disabled = false;
    if (!r || r.status !== 201) { $("status").textContent = t.open_failed; return; }
    const room = await r.json();
    mine.add(room, room.title);
    showMine(t);
    const hostLink = new URL(room.host_url, location.href).href;
    $("status").textContent = "";
    $("host-link").value = hostLink;
    $("go").href = room.host_url;
    $("opened").hidden = false;
    $("go").focus();
  }

  boot();
})();
