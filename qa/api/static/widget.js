/*
 * Trợ lý hỏi đáp: an assistant any portal page embeds with one tag:
 *   <script src="https://qa.example.gov.vn/widget.js" data-api="https://qa.example.gov.vn" async></script>
 * Plain JavaScript, nothing to build. The panel lives in a Shadow DOM so the host page's CSS
 * cannot reach it, and text from the API is only ever set as text, never parsed as HTML.
 * Optional attributes: data-api (defaults to where this script came from), data-timeout (ms).
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[src*='widget.js']");
  if (!script || window.__vietnameseQaWidget) return;
  window.__vietnameseQaWidget = true;

  var API = (script.getAttribute("data-api") || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  var TIMEOUT_MS = parseInt(script.getAttribute("data-timeout"), 10) || 20000;
  var STORAGE_KEY = "vqa-widget:v1:" + API;
  var MAX_SAVED = 40;
  var MAX_QUESTION_CHARS = 1000;
  var MAX_HISTORY_TURNS = 10; // what the API accepts
  var MAX_CORRECTION_CHARS = 2000;

  var TEXT = {
    open: "Mở trợ lý hỏi đáp",
    title: "Trợ lý hỏi đáp",
    subtitle: "Trả lời từ tài liệu của cổng thông tin, kèm trích dẫn",
    close: "Đóng trợ lý",
    clear: "Cuộc trò chuyện mới",
    input: "Câu hỏi của bạn",
    placeholder: "Nhập câu hỏi, ví dụ: Quảng Ninh xếp thứ mấy về DTI?",
    send: "Gửi",
    welcome: "Xin chào! Hãy đặt câu hỏi về các chính sách và số liệu. Câu trả lời được trích từ tài liệu, kèm nguồn để bạn kiểm tra.",
    thinking: "Đang tìm câu trả lời…",
    answer: "Trả lời",
    sources: "Nguồn trích dẫn",
    openSource: "Xem trong văn bản gốc",
    abstain: "Xin lỗi, tôi chưa tìm thấy câu trả lời cho câu hỏi này trong tài liệu hiện có.",
    closest: "Các đoạn văn gần nhất có thể giúp bạn:",
    unreachable: "Không kết nối được máy chủ hỏi đáp. Vui lòng kiểm tra mạng và thử lại sau.",
    timeout: "Máy chủ phản hồi quá lâu. Vui lòng thử lại sau ít phút.",
    busy: "Bạn đang hỏi quá nhanh. Vui lòng đợi một chút rồi hỏi lại.",
    unavailable: "Dịch vụ hỏi đáp tạm thời chưa sẵn sàng. Vui lòng thử lại sau.",
    invalid: "Câu hỏi chưa hợp lệ: ",
    tooLong: "Câu hỏi quá dài (tối đa " + MAX_QUESTION_CHARS + " ký tự).",
    failed: "Đã có lỗi khi xử lý câu hỏi. Vui lòng thử lại.",
    understood: "Đã hiểu câu hỏi là: ",
    feedbackAsk: "Câu trả lời này có đúng không?",
    helpful: "Hữu ích",
    wrong: "Chưa đúng",
    correctionLabel: "Câu trả lời đúng hoặc góp ý của bạn (không bắt buộc)",
    correctionPlaceholder: "Ví dụ: theo văn bản, con số đúng là …",
    sendFeedback: "Gửi góp ý",
    thanks: "Cảm ơn bạn đã góp ý!",
    feedbackExpired: "Câu trả lời này đã cũ, không thể góp ý nữa.",
    feedbackFailed: "Chưa gửi được góp ý. Vui lòng thử lại."
  };

  function confidenceHint(value) {
    if (value >= 0.8) return { level: "high", text: "Độ tin cậy: cao" };
    if (value >= 0.6) return { level: "medium", text: "Độ tin cậy: khá — nên xem trích dẫn" };
    return { level: "low", text: "Độ tin cậy: thấp — hãy kiểm tra trích dẫn" };
  }

  function formatDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return parts ? parts[3] + "/" + parts[2] + "/" + parts[1] : "";
  }

  function documentLink(docId, start, end) {
    return API + "/documents/" + encodeURIComponent(docId) + "?start=" + start + "&end=" + end + "#trich-dan";
  }

  // --- saved conversation (survives page navigation within the tab's session) ---

  function loadState() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
      if (saved && Array.isArray(saved.messages)) return saved;
    } catch (ignored) { /* storage blocked or corrupt: start afresh */ }
    return { open: false, messages: [] };
  }

  function saveState() {
    try {
      state.messages = state.messages.slice(-MAX_SAVED);
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (ignored) { /* private mode or full storage: the conversation just won't persist */ }
  }

  // --- DOM helpers: text only, never innerHTML ---

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function quoteWithHighlight(quote, from, to) {
    var block = el("blockquote", "quote");
    if (from >= 0 && to > from && to <= quote.length) {
      block.appendChild(document.createTextNode(quote.slice(0, from)));
      block.appendChild(el("mark", "", quote.slice(from, to)));
      block.appendChild(document.createTextNode(quote.slice(to)));
    } else {
      block.textContent = quote;
    }
    return block;
  }

  function sourceCard(title, details, quote, from, to, href) {
    var card = el("article", "card");
    card.appendChild(el("h4", "card-title", title || "Tài liệu"));
    if (details) card.appendChild(el("p", "card-meta", details));
    card.appendChild(quoteWithHighlight(quote, from, to));
    var link = el("a", "card-link", TEXT.openSource);
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    card.appendChild(link);
    return card;
  }

  function citationCard(citation, response) {
    var details = [citation.source, formatDate(citation.date)].filter(Boolean).join(" · ");
    var from = -1, to = -1;
    if (typeof response.answer_start === "number" && response.answer_start >= citation.start) {
      from = response.answer_start - citation.start;
      to = response.answer_end - citation.start;
    } else if (response.answer) {
      from = citation.quote.indexOf(response.answer);
      to = from >= 0 ? from + response.answer.length : -1;
    }
    return sourceCard(citation.title, details, citation.quote, from, to,
      documentLink(citation.doc_id, citation.start, citation.end));
  }

  function passageCard(passage) {
    var text = passage.text.length > 280 ? passage.text.slice(0, 277) + "…" : passage.text;
    return sourceCard(passage.title, passage.source || "", text, -1, -1,
      documentLink(passage.doc_id, passage.start, passage.end));
  }

  function renderAnswer(message) {
    var response = message.response;
    var box = el("div", "message bot");
    if (response.resolved_question && message.question && response.resolved_question !== message.question) {
      box.appendChild(el("p", "resolved", TEXT.understood + response.resolved_question));
    }
    if (response.answer) {
      box.appendChild(el("p", "label", TEXT.answer));
      box.appendChild(el("p", "answer", response.answer));
      var hint = confidenceHint(response.confidence);
      box.appendChild(el("p", "confidence " + hint.level, hint.text));
      if (response.citations && response.citations.length) {
        box.appendChild(el("p", "label", TEXT.sources));
        response.citations.forEach(function (citation) { box.appendChild(citationCard(citation, response)); });
      }
    } else {
      box.classList.add("abstain");
      box.appendChild(el("p", "abstain-text", TEXT.abstain));
      var closest = (response.passages || []).slice(0, 3);
      if (closest.length) {
        box.appendChild(el("p", "label", TEXT.closest));
        closest.forEach(function (passage) { box.appendChild(passageCard(passage)); });
      }
    }
    if (response.request_id) box.appendChild(feedbackControls(message));
    return box;
  }

  // --- feedback: "Hữu ích" / "Chưa đúng", the latter with an optional correction ---

  function feedbackControls(message) {
    var area = el("div", "feedback");
    if (message.feedback) {
      area.appendChild(el("p", "feedback-note", message.feedback));
      return area;
    }
    area.appendChild(el("p", "feedback-ask", TEXT.feedbackAsk));
    var buttons = el("div", "feedback-buttons");
    var helpful = el("button", "feedback-button helpful", TEXT.helpful);
    var wrong = el("button", "feedback-button wrong", TEXT.wrong);
    helpful.type = wrong.type = "button";
    wrong.setAttribute("aria-expanded", "false");
    buttons.appendChild(helpful);
    buttons.appendChild(wrong);
    area.appendChild(buttons);

    var correction = el("form", "correction");
    correction.hidden = true;
    var label = el("label", "correction-label", TEXT.correctionLabel);
    var field = el("textarea", "correction-text");
    field.maxLength = MAX_CORRECTION_CHARS;
    field.rows = 2;
    field.placeholder = TEXT.correctionPlaceholder;
    field.id = "vqa-correction-" + message.response.request_id;
    label.htmlFor = field.id;
    var submit = el("button", "feedback-send", TEXT.sendFeedback);
    submit.type = "submit";
    correction.appendChild(label);
    correction.appendChild(field);
    correction.appendChild(submit);
    area.appendChild(correction);
    var status = el("p", "feedback-status");
    status.setAttribute("role", "status");
    area.appendChild(status);

    function send(verdict, text) {
      helpful.disabled = wrong.disabled = submit.disabled = true;
      sendFeedback(message.response.request_id, verdict, text).then(function (outcome) {
        if (outcome.done) {
          message.feedback = TEXT.thanks;
          saveState();
          area.replaceWith(feedbackControls(message));
        } else {
          status.textContent = outcome.text;
          helpful.disabled = wrong.disabled = submit.disabled = outcome.final;
        }
      });
    }
    helpful.addEventListener("click", function () { send("helpful", null); });
    wrong.addEventListener("click", function () {
      correction.hidden = false;
      wrong.setAttribute("aria-expanded", "true");
      field.focus();
    });
    correction.addEventListener("submit", function (event) {
      event.preventDefault();
      send("wrong", field.value.trim() || null);
    });
    return area;
  }

  function sendFeedback(requestId, verdict, correction) {
    return fetch(API + "/v1/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ request_id: requestId, verdict: verdict, correction: correction })
    }).then(function (response) {
      if (response.ok || response.status === 409) return { done: true };
      if (response.status === 404) return { done: false, final: true, text: TEXT.feedbackExpired };
      if (response.status === 429) return { done: false, final: false, text: TEXT.busy };
      return { done: false, final: false, text: TEXT.feedbackFailed };
    }, function () {
      return { done: false, final: false, text: TEXT.unreachable };
    });
  }

  function renderMessage(message) {
    if (message.role === "user") return el("div", "message user", message.text);
    if (message.role === "error") {
      var error = el("div", "message error", message.text);
      error.setAttribute("role", "alert");
      return error;
    }
    return renderAnswer(message);
  }

  // The conversation so far as the API's `history`: each answered question, oldest first.
  function conversationHistory() {
    var turns = [];
    state.messages.forEach(function (message) {
      if (message.role !== "bot" || !message.question) return;
      turns.push({
        question: message.question,
        resolved_question: message.response.resolved_question || message.question,
        answer: message.response.answer || null
      });
    });
    return turns.slice(-MAX_HISTORY_TURNS);
  }

  // Keep what the panel shows, not the whole response: sessionStorage is small.
  function compact(response) {
    return {
      answer: response.answer, confidence: response.confidence,
      resolved_question: response.resolved_question, request_id: response.request_id,
      answer_start: response.answer_start, answer_end: response.answer_end,
      citations: (response.citations || []).slice(0, 3),
      passages: response.answer ? [] : (response.passages || []).slice(0, 3)
    };
  }

  // --- the panel ---

  var state = loadState();
  var host = el("div");
  host.id = "vqa-widget-host";
  host.hidden = true; // until its stylesheet arrives, so the host page never sees it unstyled
  var root = host.attachShadow({ mode: "open" });

  var stylesheet = el("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = API + "/static/widget.css";
  stylesheet.addEventListener("load", function () { host.hidden = false; });
  stylesheet.addEventListener("error", function () { host.hidden = false; });
  root.appendChild(stylesheet);

  var launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", TEXT.open);
  launcher.setAttribute("aria-controls", "vqa-panel");
  launcher.setAttribute("aria-expanded", "false");
  launcher.appendChild(el("span", "launcher-icon", "?"));
  launcher.appendChild(el("span", "launcher-text", "Hỏi đáp"));

  var panel = el("section", "panel");
  panel.id = "vqa-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "false");
  panel.setAttribute("aria-labelledby", "vqa-title");
  panel.hidden = true;

  var header = el("header", "header");
  var heading = el("div", "heading");
  var title = el("h2", "title", TEXT.title);
  title.id = "vqa-title";
  heading.appendChild(title);
  heading.appendChild(el("p", "subtitle", TEXT.subtitle));
  var clearButton = el("button", "icon-button clear", "↺");
  clearButton.type = "button";
  clearButton.setAttribute("aria-label", TEXT.clear);
  clearButton.title = TEXT.clear;
  var closeButton = el("button", "icon-button close", "×");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", TEXT.close);
  closeButton.title = TEXT.close;
  header.appendChild(heading);
  header.appendChild(clearButton);
  header.appendChild(closeButton);

  var log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Cuộc trò chuyện");
  log.tabIndex = 0;

  var form = el("form", "composer");
  var input = el("input", "input");
  input.type = "text";
  input.maxLength = MAX_QUESTION_CHARS;
  input.placeholder = TEXT.placeholder;
  input.setAttribute("aria-label", TEXT.input);
  input.autocomplete = "off";
  var send = el("button", "send", TEXT.send);
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  var frame = el("div", "vqa"); // sets the typography: nothing is inherited from the host page
  frame.appendChild(panel);
  frame.appendChild(launcher);
  root.appendChild(frame);

  function renderLog() {
    log.textContent = "";
    log.appendChild(el("div", "message bot welcome", TEXT.welcome));
    state.messages.forEach(function (message) { log.appendChild(renderMessage(message)); });
    log.scrollTop = log.scrollHeight;
  }

  function append(message) {
    state.messages.push(message);
    saveState();
    var node = renderMessage(message);
    log.appendChild(node);
    // Show the new message from its top (with the question it answers, when both fit),
    // scrolling only the log, never the host page.
    var previous = node.previousElementSibling;
    var top = previous && previous.classList.contains("user") &&
      node.offsetTop - previous.offsetTop < log.clientHeight / 2 ? previous : node;
    log.scrollTop = top.offsetTop - log.offsetTop - 8;
  }

  function setOpen(open, focusAfter) {
    state.open = open;
    saveState();
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.hidden = open;
    if (open && focusAfter) input.focus();
    if (!open && focusAfter) launcher.focus();
  }

  function errorMessage(status, detail) {
    if (status === 429) return TEXT.busy;
    if (status === 503) return TEXT.unavailable;
    if (status >= 400 && status < 500) return TEXT.invalid + (detail || "");
    return TEXT.failed;
  }

  function ask(question, history) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
    var body = { question: question, top_k: 5 };
    if (history.length) body.history = history;
    return fetch(API + "/v1/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        // A server that refuses the history it does not know is asked again without it.
        if (response.status === 422 && history.length) return { retry: true };
        if (!response.ok) {
          var detail = typeof body.detail === "string" ? body.detail : "";
          return { role: "error", text: errorMessage(response.status, detail) };
        }
        return { role: "bot", question: question, response: compact(body) };
      });
    }, function (error) {
      return { role: "error", text: error && error.name === "AbortError" ? TEXT.timeout : TEXT.unreachable };
    }).then(function (message) {
      clearTimeout(timer);
      return message.retry ? ask(question, []) : message;
    });
  }

  var pending = false;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question || pending) return;
    if (question.length > MAX_QUESTION_CHARS) {
      append({ role: "error", text: TEXT.tooLong });
      return;
    }
    pending = true;
    var history = conversationHistory();
    input.value = "";
    send.disabled = true;
    append({ role: "user", text: question });
    var thinking = el("div", "message bot thinking", TEXT.thinking);
    log.setAttribute("aria-busy", "true");
    log.appendChild(thinking);
    ask(question, history).then(function (message) {
      thinking.remove();
      log.removeAttribute("aria-busy");
      append(message);
      pending = false;
      send.disabled = false;
      input.focus();
    });
  });

  launcher.addEventListener("click", function () { setOpen(true, true); });
  closeButton.addEventListener("click", function () { setOpen(false, true); });
  clearButton.addEventListener("click", function () {
    state.messages = [];
    saveState();
    renderLog();
    input.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      setOpen(false, true);
    }
  });

  renderLog();
  setOpen(state.open, false);
  (document.body || document.documentElement).appendChild(host);
})();
