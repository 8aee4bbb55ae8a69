/* The presenter view: made for a shared screen. Large type, the code and QR always
 * visible, results redrawn live from server-sent events. Charts are SVG drawn here.
 * Everything shown is set as text: a participant's word never becomes markup. */
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const key = (/^\/host\/([A-Za-z0-9_-]+)$/.exec(location.pathname) || [])[1] || "";
  const api = `/api/v1/hosted/${key}`;
  const SVG = "http://www.w3.org/2000/svg";
  let t = null;
  let room = null;
  let stream = null;

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function html(tag, attrs = {}, text) {
    const node = Object.assign(document.createElement(tag), attrs);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : ""));
  // A score as the room's language writes it: "2,67" in Danish, "2.67" in English.
  const decimal = (value) => Number(value).toLocaleString(room && room.language === "da" ? "da-DK" : "en-GB", { maximumFractionDigits: 2 });

  // When the room and its answers are deleted, in plain words: "i morgen kl. 14.30", "tomorrow at 2:30 pm".
  function deletedAt(seconds) {
    const when = new Date(seconds * 1000);
    const danish = room.language === "da";
    const minutes = String(when.getMinutes()).padStart(2, "0");
    const time = danish
      ? `${when.getHours()}.${minutes}`
      : `${when.getHours() % 12 || 12}:${minutes} ${when.getHours() < 12 ? "am" : "pm"}`;
    const day = (offset) => { const d = new Date(); d.setDate(d.getDate() + offset); return d.toDateString(); };
    if (when.toDateString() === day(0)) return fill(t.expires_today, { time });
    if (when.toDateString() === day(1)) return fill(t.expires_tomorrow, { time });
    const date = when.toLocaleDateString(danish ? "da-DK" : "en-GB", { day: "numeric", month: "long" });
    return fill(t.expires_on, { date, time });
  }

  // One bar per category, its label above it (long theme names stay readable on a projector).
  // Ratings are drawn against their maximum (3).
  function bars(chart) {
    const rowHeight = 78; // eight themes and the way in fit a 1280×800 projector
    const most = chart.kind === "ratings" ? 3 : Math.max(1, ...chart.bars.map((b) => b.count));
    const picture = svg("svg", { viewBox: `0 0 800 ${chart.bars.length * rowHeight}`, role: "img", class: "bars" });
    const spoken = chart.bars.map((b) => `${b.label}: ${chart.kind === "ratings" ? decimal(b.score) : b.count}`).join("; ");
    picture.setAttribute("aria-label", `${chart.title}. ${spoken}`);
    chart.bars.forEach((b, i) => {
      const y = i * rowHeight;
      const value = chart.kind === "ratings" ? b.score : b.count;
      const width = Math.max(value ? 8 : 0, Math.round((560 * value) / most));
      picture.append(svg("text", { x: 0, y: y + 30, class: "bar-label" }, b.label));
      picture.append(svg("rect", { x: 0, y: y + 40, width, height: 32, rx: 6, class: "bar" }));
      const shown = chart.kind === "ratings" ? fill(t.score, { score: decimal(b.score), n: b.count }) : String(b.count);
      picture.append(svg("text", { x: width + 14, y: y + 67, class: "bar-value" }, shown));
    });
    return picture;
  }

  // Shared words, bigger when more shared them; the host can take one off the screen.
  function words(chart) {
    const list = html("ul", { className: "words" });
    const most = Math.max(1, ...chart.bars.map((b) => b.count));
    for (const w of chart.bars) {
      const item = html("li", {}, w.label);
      item.style.fontSize = `${1.4 + (1.6 * w.count) / most}rem`;
      const hide = html("button", { type: "button", className: "hide-word" }, t.hide_word);
      hide.setAttribute("aria-label", fill(t.hide_word_label, { word: w.label }));
      hide.addEventListener("click", async () => {
        const r = await fetch(`${api}/hide`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ word: w.label }) });
        if (r.ok) draw(await r.json());
      });
      item.append(hide);
      list.append(item);
    }
    return list;
  }

  function draw(results) {
    room = results;
    document.documentElement.lang = results.language;
    $("title").textContent = results.title;
    $("members").textContent = fill(t.participants, { n: results.members });
    $("answered").textContent = fill(t.answered, { n: results.answered });
    const states = { open: "", closed: t.closed, expired: t.expired };
    $("state").textContent = states[results.state] || "";
    $("close").hidden = results.state !== "open";
    $("expires").textContent = deletedAt(results.expires_at);
    $("start-group").hidden = results.warmup !== "prep";
    // Held back by the host: each chart says only how many have answered it.
    $("reveal").textContent = results.revealed ? t.hide_results : t.show_results;
    $("held-back").hidden = results.revealed;
    const charts = results.charts.map((chart) => {
      const figure = html("figure", { className: `chart chart-${chart.kind}` });
      figure.append(html("figcaption", {}, chart.title));
      if (!results.revealed) figure.append(html("p", { className: "waiting" }, fill(t.chart_answered, { n: chart.answered })));
      else if (!chart.ready) figure.append(html("p", { className: "waiting" }, fill(t.waiting, { min: results.min_answers })));
      else if (chart.kind === "words") figure.append(words(chart));
      else {
        if (chart.kind === "ratings") figure.append(html("p", { className: "key" }, t.ratings_key)); // what "2,75 af 3" means
        figure.append(bars(chart));
      }
      if (chart.hidden) figure.append(html("p", { className: "hidden-note" }, fill(t.hidden, { n: chart.hidden })));
      if (chart.hidden_names) figure.append(html("p", { className: "hidden-note" }, fill(t.hidden_names, { n: chart.hidden_names })));
      return figure;
    });
    $("charts").replaceChildren(...charts);
  }

  // The room is gone (deleted here or on another screen, expired, or an old link): nothing of it stays
  // on the screen (code, counts, results, when it would have been deleted), only a plain line saying
  // so and what to do next.
  function gone(message) {
    if (stream) stream.close();
    stream = null;
    room = null;
    $("charts").replaceChildren();
    for (const id of ["members", "answered", "connection", "expires", "code", "code-label", "join-url"]) $(id).textContent = "";
    for (const id of ["stage-head", "privacy", "close", "summary", "csv", "reveal", "full-screen", "delete", "start-group", "held-back", "group-chat"]) $(id).hidden = true;
    $("presenter").classList.add("ended");
    $("state").textContent = message;
    const lang = document.documentElement.lang === "en" ? "en" : "da";
    const next = html("p", { className: "next", id: "next" }, `${t.room_next} `);
    next.append(html("a", { href: lang === "en" ? "/facilitator?lang=en" : "/facilitator" }, t.new_room));
    $("next").replaceWith(next);
  }

  function listen() {
    stream = new EventSource(`${api}/events`);
    stream.addEventListener("open", () => { $("connection").textContent = t.live; });
    stream.addEventListener("results", (event) => draw(JSON.parse(event.data)));
    stream.addEventListener("deleted", () => gone(t.room_deleted));
    // The browser reconnects by itself; say so while it does.
    stream.addEventListener("error", () => { $("connection").textContent = t.reconnecting; });
  }

  async function boot() {
    const texts = await (await fetch("/api/v1/texts")).json();
    const r = await fetch(api);
    const body = await r.json();
    t = texts[(body && body.language) || "da"];
    if (r.status !== 200) {
      // The room is gone, and with it the language it was in: the page's own (`?lang=en`), else Danish.
      const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "da";
      document.documentElement.lang = lang;
      t = texts[lang];
      gone(r.status === 404 || r.status === 410 ? t.room_gone : body.error.message);
      $("presenter").setAttribute("aria-busy", "false");
      return;
    }
    $("code-label").textContent = t.code_label;
    $("code").textContent = body.code;
    $("join-url").textContent = fill(t.join_at, { url: body.join_url.replace(/^https?:\/\//, "") });
    $("qr").src = body.qr_url;
    $("qr").alt = t.qr_alt;
    $("privacy").textContent = t.privacy_note;
    $("close").textContent = t.close_room;
    $("summary").textContent = t.summary_link;
    $("summary").href = body.summary_url;
    $("csv").textContent = t.csv_link;
    $("csv").href = body.csv_url;
    $("held-back").textContent = t.results_hidden;
    $("reveal").addEventListener("click", async () => {
      const changed = await fetch(body.reveal_url, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ revealed: !room.revealed }),
      });
      if (changed.ok) draw(await changed.json());
    });
    fullScreen();
    $("delete").textContent = t.delete_room;
    $("start-group").textContent = t.start_group;
    $("close").addEventListener("click", async () => {
      const closed = await fetch(`${api}/close`, { method: "POST" });
      if (closed.ok) draw(await closed.json());
    });
    $("delete").addEventListener("click", async () => {
      if (!window.confirm(t.delete_room_confirm)) return;
      const deleted = await fetch(api, { method: "DELETE" });
      if (deleted.status === 204) gone(t.room_deleted);
    });
    $("start-group").addEventListener("click", startGroup);
    draw(body);
    $("presenter").setAttribute("aria-busy", "false");
    listen();
  }

  // The whole screen for the presentation; Escape (or the same button) leaves it.
  function fullScreen() {
    const button = $("full-screen");
    if (!document.fullscreenEnabled) return; // e.g. inside a frame that does not allow it
    const label = () => { button.textContent = document.fullscreenElement ? t.leave_full_screen : t.full_screen; };
    button.hidden = false;
    label();
    document.addEventListener("fullscreenchange", label);
    // Browsers leave full screen on Escape themselves; this covers those that pass the key on.
    document.addEventListener("keydown", (event) => { if (event.key === "Escape" && document.fullscreenElement) document.exitFullscreen(); });
    button.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    });
  }

  // The host's own Værktøj 2 conversation, opened with the group's ratings.
  function startGroup() {
    $("start-group").hidden = true;
    $("group-chat").hidden = false;
    const widget = document.createElement("script");
    Object.assign(widget.dataset, { mode: "inline", target: "group-chat", tool: "group", prepared: key, lang: room.language });
    widget.src = "/widget.js";
    document.body.append(widget);
  }

  boot();
})();
