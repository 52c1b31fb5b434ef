/*
 * faqbot chat widget: one script tag adds a chat launcher to any page.
 *   <script src="https://faq.example.com/widget.js" defer data-title="Questions about LDN"></script>
 * Every option and the JavaScript API (faqbot.open/close/ask, "faqbot:<kind>" events) are in the README,
 * "Embedding in a web site". No dependencies; nothing is downloaded but the API's JSON. A shadow root keeps
 * the page's CSS out and ours in; a constructable style sheet works under a strict Content-Security-Policy.
 * Text from the person or the server becomes text nodes, never HTML: only phone numbers and http(s) URLs in
 * replies become links, built as DOM nodes. The conversation stays in this tab's sessionStorage.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (window.faqbotWidget || !script) return; // loaded twice, or not from a script tag
  var data = script.dataset || {};

  function opt(name, fallback) {
    var v = data[name];
    return typeof v === "string" && v.trim() ? v.trim() : fallback;
  }
  function int(name, fallback, min) {
    var n = parseInt(opt(name, ""), 10);
    return n >= min ? Math.min(n, 100000) : fallback;
  }
  function url(u, base) {
    try { return new URL(u, base).href; } catch (e) { return ""; }
  }

  // A data-endpoint is relative to the page; the default sits beside this script, wherever it is mounted.
  var endpoint = url(opt("endpoint", "api/ask"), data.endpoint ? document.baseURI : script.src) || "api/ask";
  var C = {
    title: opt("title", "Questions about LDN"), launcher: opt("launcherLabel", "Ask about LDN"),
    greeting: opt("greeting", ""), contact: opt("contactUrl", ""), feedback: opt("feedback", "") === "on",
    pos: opt("position", "") === "left" ? "left" : "right", x: int("offsetX", 20, 0), y: int("offsetY", 20, 0),
    theme: /^(light|dark)$/.test(opt("theme", "")) ? data.theme.trim() : "auto",
    color: opt("color", "#0b5cad"), textColor: opt("textColor", ""),
    timeout: int("timeout", 15000, 1), max: int("maxLength", 1000, 1)
  };
  // Labels a knowledge base may replace (GET api/texts); these built-in English ones are the fallback.
  var T = {
    greeting: "Hi! I answer questions about low dose naltrexone (LDN) from one article. " +
      "I can't give medical or dosing advice.",
    did_you_mean: "Did you mean:", related: "You might also ask:",
    disclaimer: "Answers come from one article and are not medical advice.", contact: "", contact_url: ""
  };
  // Headings name the kind of reply without repeating what its text says.
  var LABELS = { referral: "A question for a professional", emergency: "Urgent" };
  var OOPS = "Sorry, something went wrong on our side. Please try again.";
  var LIGHT_BG = [[255, 255, 255], [246, 247, 249], [238, 241, 245]];
  var DARK_BG = [[31, 33, 37], [22, 23, 26], [38, 42, 49]];
  var DARK = "--bg:#1f2125;--lg:#16171a;--fg:#ececec;--mu:#b7bcc5;--li:#4a4f57;--fl:#8a93a3;--hv:#2a3340;" +
    "--ink:var(--id);--fo:#fff;--fr:#111;--rb:#3a2c0a;--rl:#e0a526;--rf:#ffe6a8;--eb:#3d1412;--el:#f2726a;" +
    "--ef:#ffd9d6;--xb:#262a31;--xl:#9aa3b0;color-scheme:dark";

  var CSS = [
    ":host{all:initial!important}",
    ".fb{all:initial;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:var(--fg);" +
      "letter-spacing:normal;word-spacing:normal;text-transform:none;text-align:left;direction:ltr;" +
      "--bg:#fff;--lg:#f6f7f9;--fg:#1b1b1b;--mu:#4a4f57;--li:#c9ced6;--fl:#6b7280;--hv:#eef3fb;--ink:var(--il);" +
      "--fo:#111;--fr:#fff;--rb:#fff4d6;--rl:#a66a00;--rf:#3d2a00;--eb:#fde8e8;--el:#b3261e;--ef:#5c0b07;" +
      "--xb:#eef1f5;--xl:#5b6470;color-scheme:light}",
    ".dark{" + DARK + "}@media (prefers-color-scheme:dark){.auto{" + DARK + "}}",
    ".fb *,.fb ::before{box-sizing:border-box;font:inherit;color:inherit;letter-spacing:inherit;margin:0}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}",
    "button{cursor:pointer}:focus{outline:none}.panel[hidden],.typing[hidden]{display:none}",
    ":focus-visible{outline:3px solid var(--fo);outline-offset:2px;box-shadow:0 0 0 5px var(--fr)}",
    ".launcher{position:fixed;bottom:var(--y);z-index:2147483000;display:inline-flex;align-items:center;gap:8px;" +
      "min-height:48px;padding:10px 18px;border:2px solid var(--on);border-radius:24px;background:var(--ac);" +
      "color:var(--on);font-weight:600;box-shadow:0 4px 14px #0005}",
    ".launcher svg{width:22px;height:22px;fill:currentColor;flex:none}",
    ".right .launcher,.right .panel{right:var(--x)}.left .launcher,.left .panel{left:var(--x)}",
    ".panel{position:fixed;bottom:calc(var(--y) + 64px);z-index:2147483000;display:flex;flex-direction:column;" +
      "width:min(380px,calc(100% - 24px));height:560px;max-height:calc(100dvh - var(--y) - 88px);" +
      "background:var(--bg);border:1px solid var(--fl);border-radius:12px;box-shadow:0 8px 30px #0005;overflow:hidden}",
    // Phones, and desktops zoomed to 200-400%: the panel takes the whole screen and covers the launcher.
    "@media (max-width:480px),(max-height:500px){.right .panel,.left .panel{inset:0;width:auto;height:auto;" +
      "max-height:none;border:0;border-radius:0}.open .launcher{display:none}}",
    ".header{display:flex;align-items:center;gap:4px;padding:8px 8px 8px 16px;background:var(--ac);color:var(--on)}",
    ".title{flex:1;font-size:16px;font-weight:700}.close,.clear{min-width:40px;min-height:40px;border:0;" +
      "border-radius:8px;background:none;font-size:14px}",
    ".close{font-size:22px;line-height:1}.close:hover,.clear:hover{background:#8884}",
    ".log{position:relative;flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;" +
      "background:var(--lg)}",
    ".msg{max-width:88%;padding:9px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".user{align-self:flex-end;background:var(--ac);color:var(--on);border-bottom-right-radius:4px}",
    ".bot{align-self:flex-start;background:var(--bg);border:1px solid var(--li);border-bottom-left-radius:4px}",
    ".kind-referral{background:var(--rb);border:2px solid var(--rl);color:var(--rf)}",
    ".kind-emergency{background:var(--eb);border:2px solid var(--el);color:var(--ef)}",
    ".error{background:var(--xb);border:1px dashed var(--xl)}",
    ".label{display:block;font-weight:700;margin-bottom:4px}",
    ".kind-referral .label::before{content:'\\2695\\FE0E  '}.kind-emergency .label::before{content:'\\26A0\\FE0E  '}",
    "a{text-decoration:underline}.source{display:block;margin-top:6px;font-size:13px;color:var(--mu)}",
    ".contact,.suggestions,.feedback{display:block;margin-top:8px}",
    ".suggestions-title{display:block;font-size:13px;font-weight:600}",
    ".suggestions ul{list-style:none;padding:0;display:flex;flex-direction:column;gap:6px;margin-top:4px}",
    ".suggestion,.retry,.vote{display:block;width:100%;text-align:left;padding:7px 10px;border:1px solid var(--ink);" +
      "border-radius:8px;background:var(--bg);color:var(--fg)}",
    ".suggestion:hover,.retry:hover,.vote:hover{background:var(--hv)}",
    ".retry{width:auto;margin-top:8px;font-weight:600}.vote{width:auto;padding:2px 10px}",
    ".feedback{display:flex;gap:6px;align-items:center;font-size:13px}",
    ".typing{padding:0 16px 6px;font-size:13px;color:var(--mu);background:var(--lg)}.composer{display:flex;gap:8px;" +
      "padding:10px;border-top:1px solid var(--li);background:var(--bg)}",
    // 16 px: iOS zooms the page into any smaller input.
    ".input{flex:1;min-width:0;min-height:42px;padding:8px 10px;border:1px solid var(--fl);border-radius:8px;" +
      "background:var(--bg);color:var(--fg);font-size:16px}",
    ".send{min-height:42px;padding:8px 14px;border:0;border-radius:8px;background:var(--ac);color:var(--on);" +
      "font-weight:600}.send:disabled{opacity:.6;cursor:default}",
    ".note{padding:0 12px 8px;font-size:12px;color:var(--mu);background:var(--bg)}",
    "@media (forced-colors:active){.launcher,.send,.msg{border:1px solid CanvasText}}",
    // 400% zoom on a laptop leaves 320 x 256 CSS pixels: every line of chrome costs conversation.
    "@media (max-height:400px){.header{padding:2px 4px 2px 12px}.close,.clear,.input,.send{min-height:36px}" +
      ".composer{padding:4px 6px}.log{padding:8px}.note{padding:0 8px 4px;line-height:1.3}}"
  ].join("\n");

  function el(tag, cls, text, parent) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = String(text);
    if (parent) parent.appendChild(n);
    return n;
  }
  function btn(cls, text, parent, label) {
    var b = el("button", cls, text, parent);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    return b;
  }
  function attrs(n, o) {
    for (var k in o) n.setAttribute(k, o[k]);
    return n;
  }
  function icon(parent) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    attrs(svg, { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" });
    svg.appendChild(document.createElementNS(ns, "path")).setAttribute("d",
      "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    parent.appendChild(svg);
  }
  function safeUrl(u) {
    var h = u && url(u, location.href);
    return /^(https?|mailto|tel):/.test(h) ? h : "";
  }

  // Emergency and helpline short numbers (911, 999, 112, 988, 111, 116 xxx), or a number of at least seven
  // digits in groups (1-800-222-1222, +44 20 7946 0958), or an http(s) URL without its closing punctuation.
  var LINK = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)'\]])|\b(116 ?\d{3}|911|999|112|988|111)\b|(\+?\(?\d{1,4}\)?(?:[ .-]\(?\d{2,4}\)?){1,4})/g;
  function rich(text, parent) {
    var s = String(text), i = 0, m, a;
    LINK.lastIndex = 0;
    while ((m = LINK.exec(s))) {
      if (m[3] && m[3].replace(/\D/g, "").length < 7) continue;
      parent.appendChild(document.createTextNode(s.slice(i, m.index)));
      a = el("a", "", m[0], parent);
      a.href = m[1] || "tel:" + m[0].replace(/[^\d+]/g, "");
      if (m[1]) attrs(a, { target: "_blank", rel: "noopener noreferrer" });
      i = LINK.lastIndex;
    }
    parent.appendChild(document.createTextNode(s.slice(i)));
    return parent;
  }

  // -- colours: readable text on the brand colour, and brand-coloured lines that stand out (WCAG 1.4.3, 1.4.11)
  function rgb(color, probeIn) {
    var p = el("i", "", null, probeIn);
    p.style.color = color;
    var ok = p.style.color !== "", m = getComputedStyle(p).color.match(/[\d.]+/g);
    probeIn.removeChild(p);
    return ok && m ? m.slice(0, 3).map(Number) : null;
  }
  function lum(c) {
    var a = c.map(function (v) { return (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
  }
  function contrast(a, b) {
    var x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  // The colour moved toward `to` in tenths until it reaches `min` against every background.
  function toward(c, to, bgs, min) {
    for (var k = 0; k <= 10; k++) {
      var m = c.map(function (v, i) { return Math.round(v + (to[i] - v) * k / 10); });
      if (bgs.every(function (b) { return contrast(m, b) >= min; })) return m;
    }
    return to;
  }
  function css(c) { return "rgb(" + c.join(",") + ")"; }
  function colors(box) {
    var white = [255, 255, 255], dark = [17, 17, 17];
    var accent = rgb(C.color, box) || [11, 92, 173], on = C.textColor && rgb(C.textColor, box);
    if (C.textColor && !(on && contrast(on, accent) >= 4.5)) {
      console.warn("faqbot: data-text-color \"" + C.textColor + "\" is not readable on data-color \"" + C.color +
        "\" (contrast under 4.5:1); using a readable colour instead.");
      on = null;
    }
    if (!on) {
      on = contrast(white, accent) >= 4.5 || contrast(white, accent) > contrast(dark, accent) ? white : dark;
      accent = toward(accent, on === white ? [0, 0, 0] : white, [on], 4.5); // a mid grey: nudge the brand colour
    }
    var vars = { "--ac": css(accent), "--on": css(on), "--x": C.x + "px", "--y": C.y + "px",
      "--il": css(toward(accent, [0, 0, 0], LIGHT_BG, 3)), "--id": css(toward(accent, white, DARK_BG, 3)) };
    for (var k in vars) box.style.setProperty(k, vars[k]);
  }

  var box, panel, launcher, clear, close, log, typing, form, input, send, note, ready;
  var store = null, KEY = "faqbot:" + endpoint, items = [], feedbackOn = C.feedback;
  var busy = false, greeted = false, hinted = false, gen = 0; // gen: bumped by Clear, to drop late replies

  // The launcher and the panel, in a shadow root at the end of <body>.
  function build() {
    var host = document.createElement("faqbot-widget");
    var root = host.attachShadow({ mode: "open" });
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      el("style", "", CSS, root); // older browsers; needs style-src to allow it
    }
    box = el("div", "fb " + C.pos + " " + C.theme, null, root);
    box.lang = "en";
    panel = attrs(el("section", "panel", null, box),
      { id: "faqbot-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "faqbot-title" });
    panel.hidden = true;
    launcher = attrs(btn("launcher", null, box), { "aria-expanded": "false", "aria-controls": "faqbot-panel" });
    icon(launcher);
    el("span", "", C.launcher, launcher);

    var header = el("div", "header", null, panel);
    el("h2", "title", C.title, header).id = "faqbot-title";
    clear = btn("clear", "Clear", header, "Clear conversation");
    close = btn("close", "\u00d7", header, "Close chat");
    log = attrs(el("div", "log", null, panel),
      { role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "Conversation" });
    log.tabIndex = 0; // so the conversation can be scrolled with the keyboard
    typing = attrs(el("div", "typing", "Looking for an answer\u2026", panel), { "aria-hidden": "true" });
    typing.hidden = true;
    form = attrs(el("form", "composer", null, panel), { novalidate: "" });
    el("label", "sr", "Your question", form).htmlFor = "faqbot-input";
    input = attrs(el("input", "input", null, form),
      { id: "faqbot-input", type: "text", autocomplete: "off", placeholder: "Type your question" });
    input.maxLength = C.max;
    send = el("button", "send", "Send", form);
    note = el("p", "note", T.disclaimer, panel);
    document.body.appendChild(host);
    colors(box);
    return host;
  }

  // The conversation kept in this tab, and the labels from the knowledge base.
  function load() {
    try { store = window.sessionStorage; } catch (e) { /* blocked by the browser's settings */ }
    try { items = JSON.parse(store.getItem(KEY)) || []; } catch (e) { /* nothing kept yet */ }
    if (!Array.isArray(items)) items = [];
    var restored = items.slice();
    greeted = restored.length > 0;
    // Labels from the knowledge base, before anything is drawn with them; built-in English if that fails.
    ready = Promise.race([
      fetch(url("texts", endpoint), { credentials: "omit", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (j) {
          var t = (j && j.texts) || {};
          for (var k in T) if (typeof t[k] === "string" && t[k].trim()) T[k] = t[k].trim();
          if (typeof j.lang === "string" && j.lang) box.lang = j.lang;
        })
        .catch(function () {}),
      new Promise(function (done) { setTimeout(done, 3000); })
    ]).then(function () {
      T.greeting = C.greeting || T.greeting;
      note.textContent = T.disclaimer;
      var first = log.firstChild;
      restored.forEach(function (it) {
        if (it && typeof it.u === "string") log.insertBefore(user(it.u), first);
        else if (it && it.b && typeof it.b.text === "string") log.insertBefore(bot(it.b, it), first);
      });
    });
  }

  function save() {
    items = items.slice(-60);
    try { store.setItem(KEY, JSON.stringify(items)); } catch (e) { /* full or blocked: keep it in memory */ }
  }

  function greet() {
    ready.then(function () {
      var it = { b: { kind: "smalltalk", text: T.greeting, suggestions: [] } };
      items.unshift(it);
      save();
      log.insertBefore(bot(it.b, it), log.firstChild);
    });
  }

  function user(text) {
    var m = el("div", "msg user");
    el("span", "sr", "You: ", m);
    m.appendChild(document.createTextNode(text));
    return m;
  }

  function bot(r, item) {
    var kind = String(r.kind).replace(/[^a-z]/g, "");
    var m = attrs(el("div", "msg bot kind-" + kind), { "data-kind": kind });
    if (LABELS[kind]) el("strong", "label", LABELS[kind], m);
    else el("span", "sr", "faqbot: ", m);
    rich(r.text, el("span", "text", null, m));
    if (kind === "answer" && typeof r.section === "string" && r.section) {
      el("span", "source", "From the article section \u201c" + r.section + "\u201d", m);
    }
    var sugg = (Array.isArray(r.suggestions) ? r.suggestions : []).filter(function (s) {
      return s && typeof s.question === "string" && s.question;
    });
    if (sugg.length) {
      var list = el("div", "suggestions", null, m);
      // A fallback's text already asks "did you mean...?": no second heading saying it again.
      var head = kind === "fallback" ? T.did_you_mean : T.related;
      if (r.text.toLowerCase().indexOf(head.replace(/[\s:?]+$/, "").toLowerCase()) < 0) {
        el("span", "suggestions-title", head, list);
      }
      var ul = el("ul", "", null, list);
      sugg.forEach(function (s) {
        btn("suggestion", s.question, el("li", "", null, ul)).onclick = function () {
          ask(s.question);
          input.focus();
        };
      });
    }
    var contact = safeUrl(C.contact || T.contact_url);
    if ((kind === "fallback" || kind === "referral") && (contact || T.contact)) {
      var line = el("span", "contact", null, m);
      if (contact) attrs(el("a", "", T.contact || "Still need help? Contact us", line),
        { href: contact, target: "_blank", rel: "noopener noreferrer" });
      else rich(T.contact, line);
    }
    if (kind === "answer" && feedbackOn && typeof r.id === "string" && !item.vote) thumbs(m, r.id, item);
    return m;
  }

  function thumbs(m, id, item) {
    var row = attrs(el("div", "feedback", null, m), { role: "group", "aria-label": "Feedback" });
    el("span", "", "Helpful?", row);
    ["up", "down"].forEach(function (vote) {
      btn("vote", vote === "up" ? "\uD83D\uDC4D" : "\uD83D\uDC4E", row, vote === "up" ? "Helpful" : "Not helpful")
        .onclick = function () { rate(row, id, vote, item); };
    });
  }

  function rate(row, id, vote, item) {
    var buttons = row.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(url("feedback", endpoint), {
      method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: id, vote: vote })
    }).then(function (r) {
      if (r.status === 404) { // the operator has not turned feedback on: stop asking for it
        feedbackOn = false;
        log.querySelectorAll(".feedback").forEach(function (f) { f.remove(); });
      } else if (r.ok) {
        row.textContent = "Thanks for your feedback.";
        item.vote = vote;
        save();
      } else throw r;
    }).catch(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  function fail(text, q, at, asked) {
    var m = attrs(el("div", "msg bot error"), { "data-kind": "error" });
    el("span", "text", text, m);
    if (q) btn("retry", "Retry", m).onclick = function () { if (!busy) ask(q, m, asked); };
    return place(m, at);
  }

  // A reply starts in view: a long one is scrolled to its first line, not to its end.
  function place(m, at) {
    if (at && at.parentNode === log) log.replaceChild(m, at); // a retried answer takes its error's place
    else log.appendChild(m);
    log.scrollTop = m.offsetTop - 10;
    return m;
  }

  function pending(on) {
    busy = send.disabled = on;
    typing.hidden = !on;
    log.setAttribute("aria-busy", String(on));
  }

  function hint() {
    var origin = new URL(endpoint, location.href).origin;
    if (hinted || origin === location.origin) return;
    hinted = true;
    console.warn("faqbot: could not reach " + endpoint + ". If the faqbot server is running, it does not " +
      "allow this page's origin: start it with --allow-origin " + location.origin + " (or FAQBOT_ALLOW_ORIGINS). " +
      "A Content-Security-Policy on this page must allow " + origin + " in script-src and connect-src.");
  }

  // The server keeps no conversation: a follow-up ("what triggers them?") carries the id of the
  // answer before it, so it can be read in context.
  function context(asked) {
    for (var i = (asked ? items.indexOf(asked) : items.length) - 1; i >= 0; i--) {
      var b = items[i] && items[i].b;
      if (b && b.kind === "answer" && typeof b.id === "string") return b.id;
    }
    return null;
  }

  function ask(question, at, asked) {
    question = String(question).trim().slice(0, C.max);
    if (!question || busy) return;
    var mine = gen;
    if (!at) {
      items.push(asked = { u: question });
      save();
      place(user(question));
    }
    pending(true);
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctl) ctl.abort(); }, C.timeout);
    fetch(endpoint, {
      method: "POST", credentials: "omit", cache: "no-store", signal: ctl ? ctl.signal : undefined,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ question: question, context: context(asked) })
    }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (mine !== gen) return; // the conversation was cleared meanwhile
        if (r.status === 413) return fail("That question is too long. Please shorten it and ask again.", "", at);
        if (!r.ok || !body || typeof body.kind !== "string" || typeof body.text !== "string") {
          return fail(OOPS, question, at, asked);
        }
        var it = { b: body }, n = items.indexOf(asked);
        items.splice(n < 0 ? items.length : n + 1, 0, it);
        save();
        place(bot(body, it), at);
        window.dispatchEvent(new CustomEvent("faqbot:" + body.kind, { detail: body }));
      });
    }).catch(function (err) {
      if (mine !== gen) return;
      var slow = err && err.name === "AbortError";
      if (err && err.name === "TypeError") hint();
      fail(slow ? "Sorry, the answer is taking too long. Please try again."
        : "Sorry, I can't reach the help service right now. Please check your connection and try again.",
      question, at, asked);
    }).then(function () {
      clearTimeout(timer);
      if (mine === gen) pending(false);
    });
  }

  function open() {
    if (!panel.hidden) return;
    panel.hidden = false;
    box.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    if (!greeted) { greeted = true; greet(); }
    log.scrollTop = log.scrollHeight;
    input.focus();
  }

  function shut() {
    if (panel.hidden) return;
    panel.hidden = true;
    box.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  function wire() {
    launcher.onclick = function () { return panel.hidden ? open() : shut(); };
    close.onclick = shut;
    clear.onclick = function () {
      gen++;
      pending(false);
      items = [];
      log.textContent = "";
      greet();
      input.focus();
    };
    form.onsubmit = function (event) {
      event.preventDefault();
      if (busy || !input.value.trim()) return;
      ask(input.value);
      input.value = "";
      input.focus(); // Send is disabled while the reply is pending: keep focus where the person types
    };
    // Escape closes; keys typed in the widget stay in the widget (the page's shortcuts don't fire).
    ["keydown", "keyup", "keypress"].forEach(function (type) {
      box.addEventListener(type, function (event) {
        if (type === "keydown" && event.key === "Escape" && !panel.hidden) {
          event.preventDefault();
          shut();
        }
        event.stopPropagation();
      });
    });
  }

  function start() {
    var host = build();
    load();
    wire();
    window.faqbot = window.faqbotWidget = { open: open, close: shut, element: host, ask: function (text) {
      open();
      ask(text);
    } };
  }

  window.faqbotWidget = { pending: true };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
