// l10nflow review desk: keyboard, filter, search and saving. No inline handlers; all text
// from the server arrives escaped inside server-rendered fragments.
"use strict";

(function () {
  const bar = document.getElementById("bar");
  if (!bar) return; // the index page needs no script
  const catalog = bar.dataset.catalog;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const list = document.getElementById("entries");
  const search = document.getElementById("search");
  const message = document.getElementById("message");
  const actions = document.getElementById("actions");
  let filter = "all";
  let active = null;

  const entries = () => Array.from(list.querySelectorAll(".entry"));
  const visible = () => entries().filter((e) => !e.classList.contains("hidden"));

  // Matching that ignores case, Arabic diacritics, tatweel and letter variants.
  function fold(text) {
    return text
      .toLowerCase()
      .normalize("NFC")
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064A")
      .replace(/\u0629/g, "\u0647")
      .replace(/\s+/g, " ");
  }

  function matches(entry) {
    const state = entry.dataset.state;
    if (filter === "open" && state === "reviewed") return false;
    if (filter === "fuzzy" && !["machine", "memory", "changed"].includes(state)) return false;
    if (filter === "findings" && entry.dataset.findings === "0") return false;
    const query = fold(search.value.trim());
    if (!query) return true;
    return fold(entry.dataset.msgid + "\n" + entry.dataset.msgstr).includes(query);
  }

  function applyFilter() {
    for (const entry of entries()) entry.classList.toggle("hidden", !matches(entry));
    for (const button of bar.querySelectorAll("[data-filter]")) {
      button.setAttribute("aria-pressed", String(button.dataset.filter === filter));
    }
  }

  function say(text, kind) {
    message.textContent = text;
    message.className = "message " + (kind || "");
  }

  function activate(entry, scroll) {
    if (!entry) return;
    if (active && active !== entry) active.classList.remove("active");
    active = entry;
    entry.classList.add("active");
    if (actions.parentElement !== entry) {
      const status = actions.querySelector(".status");
      status.textContent = "";
      status.className = "status";
      entry.appendChild(actions); // the one toolbar lives in the active entry
    }
    if (scroll !== false) entry.scrollIntoView({ block: "nearest" });
    if (!entry.contains(document.activeElement)) entry.focus({ preventScroll: true });
    loadSuggestions(entry);
  }

  function step(delta) {
    const shown = visible();
    if (!shown.length) return;
    const at = shown.indexOf(active);
    const next = at < 0 ? 0 : Math.min(shown.length - 1, Math.max(0, at + delta));
    activate(shown[next]);
  }

  function nextOpen() {
    const shown = visible();
    const at = shown.indexOf(active);
    const ordered = shown.slice(at + 1).concat(shown.slice(0, at + 1));
    const found = ordered.find((e) => e.dataset.state !== "reviewed");
    if (found) activate(found);
    else say("no open entry left in this view", "saved");
  }

  // Neighbouring sentences and memory matches of the entry one stays on (after a pause).
  let pending = null;
  function loadSuggestions(entry) {
    clearTimeout(pending);
    pending = setTimeout(() => fillSuggestions(entry), 120);
  }

  async function fillSuggestions(entry) {
    const box = entry.querySelector(".suggestions");
    if (!box || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    try {
      const reply = await fetch(`/doc/${catalog}/suggest/${entry.dataset.index}`, {
        credentials: "same-origin",
      });
      if (!reply.ok) throw new Error(String(reply.status));
      box.innerHTML = await reply.text();
    } catch (error) {
      delete box.dataset.loaded; // tried again when the entry is visited again
    }
  }

  // One floating tooltip for glossary terms, filled from the page's term card.
  const tip = document.createElement("div");
  tip.id = "tip";
  tip.setAttribute("role", "tooltip");
  tip.dir = "ltr";
  document.body.appendChild(tip);
  const STATUS = { missing: "missing in the translation", forbidden: "forbidden form", term: "glossary term" };

  let tipped = null;

  function placeTip() {
    if (!tipped) return;
    const box = tipped.getBoundingClientRect();
    const width = tip.offsetWidth;
    tip.style.top = `${Math.round(box.bottom + 4)}px`;
    tip.style.left = `${Math.round(Math.max(8, Math.min(box.left, innerWidth - width - 8)))}px`;
  }

  function showTip(term) {
    const card = document.getElementById("t-" + term.dataset.term);
    if (!card) return;
    const kind = ["missing", "forbidden"].find((k) => term.classList.contains("term-" + k)) || "term";
    const head = document.createElement("b");
    head.className = "tip-row";
    head.textContent = STATUS[kind];
    tip.replaceChildren(head, ...Array.from(card.cloneNode(true).childNodes));
    tip.classList.add("shown");
    tipped = term;
    placeTip();
  }

  function hideTip() {
    tip.classList.remove("shown");
    tipped = null;
  }

  for (const kind of ["mouseover", "focusin"]) {
    list.addEventListener(kind, (event) => {
      const term = event.target.closest(".term");
      if (term) showTip(term);
    });
  }
  for (const kind of ["mouseout", "focusout"]) {
    list.addEventListener(kind, (event) => {
      if (event.target.closest(".term")) hideTip();
    });
  }
  addEventListener("scroll", placeTip, { passive: true });

  function addCards(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const terms = document.getElementById("terms");
    for (const card of holder.content.querySelectorAll(".card")) {
      if (!document.getElementById(card.id)) terms.appendChild(card);
    }
  }

  function editor(entry) {
    return entry.querySelector("textarea.edit");
  }

  function startEdit(entry, text) {
    activate(entry, false);
    let area = editor(entry);
    if (!area) {
      const column = entry.querySelector(".col.tgt");
      area = document.createElement("textarea");
      area.className = "edit";
      area.dir = column.dir;
      area.lang = column.lang;
      area.setAttribute("aria-label", "translation");
      area.value = entry.dataset.msgstr;
      column.appendChild(area);
    }
    if (text !== undefined) area.value = text;
    area.focus();
  }

  function stopEdit(entry) {
    const area = editor(entry);
    if (area) area.remove();
    entry.focus({ preventScroll: true });
  }

  function replaceEntry(old, html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const fresh = holder.content.firstElementChild;
    old.replaceWith(fresh);
    if (old.contains(actions)) fresh.appendChild(actions);
    if (active === old) {
      active = null;
      activate(fresh, false);
    }
    return fresh;
  }

  function update(reply, entry) {
    if (reply.digest) bar.dataset.digest = reply.digest;
    if (reply.counts) {
      for (const [state, count] of Object.entries(reply.counts)) {
        const cell = bar.querySelector(`[data-count="${state}"]`);
        if (cell) cell.textContent = String(count);
      }
    }
    if (reply.progress) {
      const progress = document.getElementById("progress");
      progress.max = Math.max(1, reply.progress.total);
      progress.value = reply.progress.reviewed;
      document.getElementById("progress-text").textContent = reply.progress.text;
    }
    let target = entry;
    if (!target && reply.index !== undefined) {
      target = list.querySelector(`.entry[data-index="${reply.index}"]`);
    }
    if (reply.cards) addCards(reply.cards);
    let fresh = target;
    if (reply.html && target) {
      const before = Number(target.dataset.findings);
      fresh = replaceEntry(target, reply.html);
      const total = bar.querySelector('[data-count="findings"]');
      total.textContent = String(Number(total.textContent) + Number(fresh.dataset.findings) - before);
    }
    if (fresh) {
      const status = fresh.querySelector(".status");
      if (status) {
        status.textContent = reply.message;
        status.className = "status " + (reply.saved ? "saved" : "refused");
      }
    }
    applyFilter();
    return fresh;
  }

  async function post(path, body) {
    let reply;
    try {
      reply = await fetch(path, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body),
      });
    } catch (error) {
      return { saved: false, message: "the desk is not answering: is `l10nflow review` running?" };
    }
    try {
      return await reply.json();
    } catch (error) {
      return { saved: false, message: `the desk answered ${reply.status}` };
    }
  }

  // One request at a time, in key order: each one sends the digest the previous one returned.
  let queue = Promise.resolve();
  function enqueue(job) {
    queue = queue.then(job, job);
    return queue;
  }

  function act(entry, action) {
    if (!entry) return;
    const area = editor(entry);
    const text = area ? area.value : undefined;
    enqueue(() => send(entry, action, text));
  }

  async function send(entry, action, text) {
    entry = list.querySelector(`.entry[data-index="${entry.dataset.index}"]`) || entry;
    const area = editor(entry);
    const body = {
      action: action,
      msgid: entry.dataset.msgid,
      msgctxt: entry.dataset.hasMsgctxt === "1" ? entry.dataset.msgctxt : null,
      msgstr: text !== undefined ? text : entry.dataset.msgstr,
      digest: bar.dataset.digest,
      token: entry.dataset.token,
    };
    const reply = await post(`/doc/${catalog}/save`, body);
    if (!reply.saved && !reply.html) {
      say(reply.message, "refused");
      return;
    }
    const fresh = update(reply, entry);
    if (reply.saved) {
      say(`#${Number(fresh.dataset.index) + 1} ${reply.message}`, "saved");
      if (action === "approve") nextOpen();
    } else {
      say(reply.message, "refused");
      if (area && fresh) startEdit(fresh, body.msgstr); // keep the unsaved text in view
    }
  }

  function undo() {
    enqueue(sendUndo);
  }

  async function sendUndo() {
    const reply = await post(`/doc/${catalog}/undo`, { digest: bar.dataset.digest });
    if (!reply.html) {
      say(reply.message, "refused");
      return;
    }
    const fresh = update(reply, null);
    if (fresh) activate(fresh);
    say(reply.message, reply.saved ? "saved" : "refused");
  }

  bar.addEventListener("click", (event) => {
    const button = event.target.closest("[data-filter]");
    if (button) {
      filter = button.dataset.filter;
      applyFilter();
    }
    if (event.target.closest("[data-undo]")) undo();
  });

  search.addEventListener("input", applyFilter);

  list.addEventListener("click", (event) => {
    const entry = event.target.closest(".entry");
    if (!entry) return;
    const button = event.target.closest("button[data-action]");
    if (!button) {
      if (!event.target.closest("textarea")) activate(entry, false);
      return;
    }
    const action = button.dataset.action;
    if (action === "edit") startEdit(entry);
    else if (action === "use") startEdit(entry, button.dataset.text);
    else act(entry, action);
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target.tagName === "TEXTAREA") {
      const entry = target.closest(".entry");
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        act(entry, "approve");
      } else if (event.key.toLowerCase() === "s" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        act(entry, "save");
      } else if (event.key === "Escape") {
        stopEdit(entry);
      }
      return;
    }
    if (target === search) {
      if (event.key === "Escape" || event.key === "Enter") {
        search.blur();
        step(0);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const own = event.key === "Enter" || event.key === " ";
    if (own && target.closest && target.closest("button, a")) return; // a button's own keys
    const keys = {
      j: () => step(1),
      ArrowDown: () => step(1),
      k: () => step(-1),
      ArrowUp: () => step(-1),
      n: nextOpen,
      Enter: () => active && startEdit(active),
      e: () => active && startEdit(active),
      a: () => act(active, "approve"),
      b: () => act(active, "send-back"),
      u: undo,
      "/": () => search.focus(),
      1: () => { filter = "open"; applyFilter(); },
      2: () => { filter = "fuzzy"; applyFilter(); },
      3: () => { filter = "findings"; applyFilter(); },
      4: () => { filter = "all"; applyFilter(); },
    };
    const run = keys[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  });

  const first = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  applyFilter();
  activate(first && first.classList.contains("entry") ? first : visible()[0], !!first);
})();
