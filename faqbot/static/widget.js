/*
 * faqbot chat widget: one script tag adds a chat launcher to any page.
 *
 *   <script src="https://faq.example.com/widget.js" defer
 *           data-title="Questions about LDN"
 *           data-greeting="Hi! Ask me about low dose naltrexone."
 *           data-position="right"            (right | left)
 *           data-color="#0b5cad"             (launcher, header and your messages)
 *           data-endpoint="https://faq.example.com/api/ask"></script>
 *
 * Other options: data-text-color (text on data-color; chosen for contrast if absent),
 * data-launcher-label, data-timeout (milliseconds, default 15000), data-max-length (default 1000).
 * The endpoint defaults to api/ask beside this script, so it follows the app wherever it is mounted.
 *
 * Plain JavaScript, no dependencies, nothing downloaded at run time. The widget lives in a shadow root,
 * so the page's CSS cannot reach it and its CSS cannot reach the page; it styles itself with a
 * constructable style sheet, which works under a strict Content-Security-Policy. Everything from the
 * person or the server is put on the page with textContent, never parsed as HTML.
 * One thing the shadow root cannot stop: a transform or filter on <body> or <html> moves position: fixed
 * elements, the widget's included, from the viewport to that element.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (window.faqbotWidget || !script) return; // loaded twice, or not from a script tag
  var data = script.dataset || {};

  function option(name, fallback) {
    var value = data[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : fallback;
  }

  function positiveInt(value, fallback) {
    var n = parseInt(value, 10);
    return n > 0 ? n : fallback;
  }

  var defaultEndpoint = "api/ask";
  try {
    defaultEndpoint = new URL("api/ask", script.src || document.baseURI).href;
  } catch (e) { /* keep the relative default */ }

  var config = {
    endpoint: option("endpoint", defaultEndpoint),
    title: option("title", "Questions about LDN"),
    greeting: option(
      "greeting",
      "Hi! I answer questions about low dose naltrexone (LDN) from one article. " +
        "I can't give medical or dosing advice."
    ),
    launcherLabel: option("launcherLabel", "Ask about LDN"),
    position: option("position", "right") === "left" ? "left" : "right",
    color: option("color", "#0b5cad"),
    textColor: option("textColor", ""),
    timeout: positiveInt(option("timeout", ""), 15000),
    maxLength: positiveInt(option("maxLength", ""), 1000)
  };

  var KIND_LABELS = {
    referral: "Please ask a doctor or pharmacist",
    emergency: "Urgent: get help now"
  };

  var CSS = [
    ":host { all: initial !important; }",
    ".fb { all: initial; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;",
    "  font-size: 15px; line-height: 1.45; color: #1b1b1b; letter-spacing: normal; word-spacing: normal;",
    "  text-transform: none; text-align: left; direction: ltr; font-style: normal; font-weight: 400;",
    "  --fb-accent: #0b5cad; --fb-on-accent: #ffffff; }",
    ".fb *, .fb *::before, .fb *::after { box-sizing: border-box; font: inherit; color: inherit;",
    "  letter-spacing: inherit; text-transform: inherit; margin: 0; }",
    ".hidden-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);",
    "  clip-path: inset(50%); white-space: nowrap; }",
    "button, input { font: inherit; }",
    "button { cursor: pointer; }",
    ":focus { outline: none; }",
    ":focus-visible { outline: 3px solid #111111; outline-offset: 2px; box-shadow: 0 0 0 5px #ffffff; }",
    ".launcher { position: fixed; bottom: 20px; z-index: 2147483000; display: inline-flex;",
    "  align-items: center; gap: 8px; min-height: 48px; padding: 10px 18px; border: 2px solid #ffffff;",
    "  border-radius: 24px; background: var(--fb-accent); color: var(--fb-on-accent); font-weight: 600;",
    "  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.3); }",
    ".launcher svg { width: 22px; height: 22px; fill: currentColor; flex: none; }",
    ".right .launcher, .right .panel { right: 20px; }",
    ".left .launcher, .left .panel { left: 20px; }",
    ".panel { position: fixed; bottom: 84px; z-index: 2147483000; display: flex; flex-direction: column;",
    "  width: min(380px, calc(100vw - 24px)); height: min(560px, calc(100vh - 108px));",
    "  background: #ffffff; color: #1b1b1b; border: 1px solid #8a8a8a; border-radius: 12px;",
    "  box-shadow: 0 8px 30px rgba(0, 0, 0, 0.3); overflow: hidden; }",
    ".panel[hidden] { display: none; }",
    "@media (max-width: 440px) { .right .panel, .left .panel { left: 12px; right: 12px; width: auto; } }",
    ".header { display: flex; align-items: center; justify-content: space-between; gap: 8px;",
    "  padding: 10px 10px 10px 16px; background: var(--fb-accent); color: var(--fb-on-accent); }",
    ".title { font-size: 16px; font-weight: 700; }",
    ".close { min-width: 40px; min-height: 40px; border: 0; border-radius: 8px; background: transparent;",
    "  color: var(--fb-on-accent); font-size: 22px; line-height: 1; }",
    ".close:hover { background: rgba(127, 127, 127, 0.25); }",
    ".log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px;",
    "  background: #f6f7f9; }",
    ".msg { max-width: 88%; padding: 9px 12px; border-radius: 12px; white-space: pre-wrap;",
    "  overflow-wrap: anywhere; }",
    ".user { align-self: flex-end; background: var(--fb-accent); color: var(--fb-on-accent);",
    "  border-bottom-right-radius: 4px; }",
    ".bot { align-self: flex-start; background: #ffffff; border: 1px solid #c9ced6;",
    "  border-bottom-left-radius: 4px; }",
    ".kind-referral { background: #fff4d6; border: 2px solid #a66a00; color: #3d2a00; }",
    ".kind-emergency { background: #fde8e8; border: 2px solid #b3261e; color: #5c0b07; }",
    ".error { background: #eef1f5; border: 1px dashed #5b6470; color: #1b1b1b; }",
    ".label { display: block; font-weight: 700; margin-bottom: 4px; }",
    ".kind-referral .label::before { content: '\\2695\\FE0E  '; }",
    ".kind-emergency .label::before { content: '\\26A0\\FE0E  '; }",
    ".source { display: block; margin-top: 6px; font-size: 13px; color: #4a4f57; }",
    ".suggestions { margin-top: 8px; }",
    ".suggestions-title { display: block; font-size: 13px; font-weight: 600; margin-bottom: 4px; }",
    ".suggestions ul { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 6px; }",
    ".suggestion, .retry { display: block; width: 100%; text-align: left; padding: 7px 10px;",
    "  border: 1px solid var(--fb-accent); border-radius: 8px; background: #ffffff; color: #1b1b1b; }",
    ".suggestion:hover, .retry:hover { background: #eef3fb; }",
    ".retry { width: auto; margin-top: 8px; font-weight: 600; }",
    ".typing { padding: 0 16px 6px; font-size: 13px; color: #4a4f57; background: #f6f7f9; }",
    ".typing[hidden] { display: none; }",
    ".composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #c9ced6;",
    "  background: #ffffff; }",
    ".input { flex: 1; min-width: 0; min-height: 42px; padding: 8px 10px; border: 1px solid #6b7280;",
    "  border-radius: 8px; background: #ffffff; color: #1b1b1b; }",
    ".send { min-height: 42px; padding: 8px 14px; border: 0; border-radius: 8px;",
    "  background: var(--fb-accent); color: var(--fb-on-accent); font-weight: 600; }",
    ".note { padding: 0 12px 8px; font-size: 12px; color: #4a4f57; background: #ffffff; }",
    "@media (forced-colors: active) { .launcher, .send, .msg { border: 1px solid CanvasText; } }"
  ].join("\n");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    svg.appendChild(path);
    return svg;
  }

  function applyStyles(root) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(el("style", "", CSS)); // older browsers; needs style-src to allow it
    }
  }

  // Relative luminance of an "rgb(r, g, b)" string, or null.
  function luminance(rgb) {
    var m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(rgb || "");
    if (!m) return null;
    var c = [m[1], m[2], m[3]].map(function (v) {
      var s = Math.min(255, Number(v)) / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function setColors(container) {
    var accent = config.color;
    if (window.CSS && CSS.supports && !CSS.supports("color", accent)) accent = "#0b5cad";
    container.style.setProperty("--fb-accent", accent);
    var onAccent = config.textColor;
    if (!onAccent || (window.CSS && CSS.supports && !CSS.supports("color", onAccent))) {
      var lum = luminance(probe(container, accent));
      // White text unless it would fall under 4.5:1 against the accent; then near-black.
      onAccent = lum === null || (1.05 / (lum + 0.05)) >= 4.5 ? "#ffffff" : "#111111";
    }
    container.style.setProperty("--fb-on-accent", onAccent);
  }

  function probe(container, color) {
    var p = el("span");
    p.style.color = color;
    container.appendChild(p);
    var value = getComputedStyle(p).color;
    container.removeChild(p);
    return value;
  }

  function build() {
    var host = document.createElement("faqbot-widget");
    var root = host.attachShadow({ mode: "open" });
    applyStyles(root);

    var container = el("div", "fb " + config.position);
    root.appendChild(container);

    var launcher = el("button", "launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "faqbot-panel");
    launcher.appendChild(chatIcon());
    launcher.appendChild(el("span", "", config.launcherLabel));

    var panel = el("section", "panel");
    panel.id = "faqbot-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
    panel.setAttribute("aria-labelledby", "faqbot-title");

    var header = el("div", "header");
    var title = el("h2", "title", config.title);
    title.id = "faqbot-title";
    var close = el("button", "close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close chat");
    header.appendChild(title);
    header.appendChild(close);

    var log = el("div", "log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.setAttribute("aria-atomic", "false");
    log.setAttribute("aria-label", "Conversation");
    log.tabIndex = 0; // so the conversation can be scrolled with the keyboard

    var typing = el("div", "typing", "Looking for an answer\u2026");
    typing.hidden = true;
    typing.setAttribute("aria-hidden", "true");

    var form = el("form", "composer");
    form.setAttribute("novalidate", "");
    var label = el("label", "hidden-text", "Your question");
    label.htmlFor = "faqbot-input";
    var input = el("input", "input");
    input.id = "faqbot-input";
    input.type = "text";
    input.autocomplete = "off";
    input.maxLength = config.maxLength;
    input.placeholder = "Type your question";
    var send = el("button", "send", "Send");
    send.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);

    var note = el("p", "note", "Answers come from one article and are not medical advice.");

    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(form);
    panel.appendChild(note);
    container.appendChild(panel);
    container.appendChild(launcher);
    document.body.appendChild(host);
    setColors(container);

    var busy = false;
    var greeted = false;

    function scrollDown() {
      log.scrollTop = log.scrollHeight;
    }

    function add(node) {
      log.appendChild(node); // only ever append: the log announces additions, nothing is re-read
      scrollDown();
      return node;
    }

    function addUser(text) {
      var msg = el("div", "msg user");
      msg.appendChild(el("span", "hidden-text", "You: "));
      msg.appendChild(document.createTextNode(text));
      return add(msg);
    }

    function addBot(reply) {
      var kind = typeof reply.kind === "string" ? reply.kind : "answer";
      var msg = el("div", "msg bot kind-" + kind.replace(/[^a-z]/g, ""));
      msg.setAttribute("data-kind", kind);
      if (KIND_LABELS[kind]) {
        msg.appendChild(el("strong", "label", KIND_LABELS[kind]));
      } else {
        msg.appendChild(el("span", "hidden-text", "faqbot: "));
      }
      msg.appendChild(el("span", "text", reply.text));
      if (kind === "answer" && typeof reply.section === "string" && reply.section) {
        msg.appendChild(el("span", "source", "From the article section \u201c" + reply.section + "\u201d"));
      }
      var suggestions = Array.isArray(reply.suggestions) ? reply.suggestions : [];
      suggestions = suggestions.filter(function (s) {
        return s && typeof s.question === "string" && s.question;
      });
      if (suggestions.length) {
        var box = el("div", "suggestions");
        box.appendChild(el("span", "suggestions-title", kind === "fallback" ? "Did you mean:" : "You might also ask:"));
        var list = el("ul");
        suggestions.forEach(function (s) {
          var item = el("li");
          var button = el("button", "suggestion", s.question);
          button.type = "button";
          button.addEventListener("click", function () {
            ask(s.question);
          });
          item.appendChild(button);
          list.appendChild(item);
        });
        box.appendChild(list);
        msg.appendChild(box);
      }
      return add(msg);
    }

    function addError(text, question) {
      var msg = el("div", "msg bot error");
      msg.setAttribute("data-kind", "error");
      msg.appendChild(el("span", "text", text));
      if (question !== null) {
        var retry = el("button", "retry", "Retry");
        retry.type = "button";
        retry.addEventListener("click", function () {
          if (busy) return;
          log.removeChild(msg);
          input.focus();
          ask(question, true);
        });
        msg.appendChild(retry);
      }
      return add(msg);
    }

    function validReply(reply) {
      return reply && typeof reply === "object" && typeof reply.kind === "string" && typeof reply.text === "string";
    }

    function ask(question, retrying) {
      question = String(question).trim();
      if (!question || busy) return;
      busy = true;
      if (!retrying) addUser(question);
      typing.hidden = false;
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (controller) controller.abort();
      }, config.timeout);
      fetch(config.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ question: question }),
        credentials: "omit",
        cache: "no-store",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          return response.json().then(
            function (body) {
              return { response: response, body: body };
            },
            function () {
              return { response: response, body: null };
            }
          );
        })
        .then(function (result) {
          if (result.response.status === 413) {
            addError("That question is too long. Please shorten it and ask again.", null);
          } else if (!result.response.ok || !validReply(result.body)) {
            addError("Sorry, something went wrong on our side. Please try again.", question);
          } else {
            addBot(result.body);
          }
        })
        .catch(function (err) {
          var timedOut = err && err.name === "AbortError";
          addError(
            timedOut
              ? "Sorry, the answer is taking too long. Please try again."
              : "Sorry, I can't reach the help service right now. Please check your connection and try again.",
            question
          );
        })
        .then(function () {
          clearTimeout(timer);
          busy = false;
          typing.hidden = true;
        });
    }

    function isOpen() {
      return !panel.hidden;
    }

    function open() {
      if (isOpen()) return;
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      if (!greeted) {
        greeted = true;
        addBot({ kind: "smalltalk", text: config.greeting, suggestions: [] });
      }
      scrollDown();
      input.focus();
    }

    function closePanel() {
      if (!isOpen()) return;
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }

    launcher.addEventListener("click", function () {
      if (isOpen()) closePanel();
      else open();
    });
    close.addEventListener("click", closePanel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var question = input.value;
      if (!question.trim() || busy) return;
      input.value = "";
      ask(question);
    });
    // Escape closes; keys typed in the widget stay in the widget (the page's shortcuts don't fire).
    ["keydown", "keyup", "keypress"].forEach(function (type) {
      container.addEventListener(type, function (event) {
        if (type === "keydown" && event.key === "Escape" && isOpen()) {
          event.preventDefault();
          closePanel();
        }
        event.stopPropagation();
      });
    });

    return { open: open, close: closePanel, ask: function (q) { open(); ask(q); }, element: host };
  }

  function start() {
    window.faqbotWidget = build();
  }

  window.faqbotWidget = { pending: true };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
