// The rating round's page: join, then one card per program, every tap sent at once.
// Text from the plan or from people is only ever set with textContent: never as markup.
"use strict";
(function () {
  var base = location.pathname.replace(/[^/]*$/, "");
  var app = document.getElementById("app");
  var statusLine = document.getElementById("status");
  var TOKEN_KEY = "coherence-room-token";
  var PENDING_KEY = "coherence-room-pending";
  var token = localStorage.getItem(TOKEN_KEY);
  var state = null;
  var index = 0;
  var pending = readPending();  // program -> answer not yet acknowledged
  var sending = {};  // program -> true while a request is out
  var failed = {};   // program -> message the server gave for refusing it

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readPending() {
    try { return JSON.parse(localStorage.getItem(PENDING_KEY)) || {}; } catch (e) { return {}; }
  }
  function keepPending() { localStorage.setItem(PENDING_KEY, JSON.stringify(pending)); }

  function say(text) { statusLine.textContent = text; }

  function api(method, path, body) {
    var headers = {};
    if (token) headers["X-Member"] = token;
    var init = { method: method, headers: headers, cache: "no-store", credentials: "omit" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(base + "api/" + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function stop(message) {
    app.replaceChildren(el("p", "notice", message));
    say("");
  }

  function fatal(result) {
    if (result.status === 401) { forget(); load(); return true; }
    if (result.status === 403) { stop("This link no longer works. Scan the QR code on the screen again."); return true; }
    if (result.status === 410) { stop("The round is closed. Thank you!"); return true; }
    return false;
  }

  function forget() {
    token = null; state = null; pending = {}; keepPending();
    localStorage.removeItem(TOKEN_KEY);
  }

  var info = null;  // the round's title and whether it is anonymous, before joining

  function load() {
    if (!token) {
      api("GET", "round").then(function (result) {
        if (fatal(result)) return;
        if (result.status !== 200) { say("Cannot reach the room; trying again…"); setTimeout(load, 2000); return; }
        info = result.data;
        document.getElementById("title").textContent = info.title || "Rating round";
        showJoin();
      }, function () { say("Cannot reach the room; trying again…"); setTimeout(load, 2000); });
      return;
    }
    api("GET", "state").then(function (result) {
      if (fatal(result)) return;
      if (result.status !== 200) { say("Cannot reach the room; trying again…"); setTimeout(load, 2000); return; }
      state = result.data;
      document.getElementById("title").textContent = state.round.title || "Rating round";
      var answers = state.answers;
      Object.keys(pending).forEach(function (p) { answers[p] = pending[p].answer; });
      index = state.programs.findIndex(function (p) { return !answers[p.id]; });
      if (index < 0) { showSummary(); } else { showCard(); }
      flush();
    }, function () { say("Cannot reach the room; trying again…"); setTimeout(load, 2000); });
  }

  function showJoin(message) {
    var form = el("form", "join");
    form.appendChild(el("h1", "", "Join the rating round"));
    if (message) form.appendChild(el("p", "error", message));
    var anonymous = info && info.anonymous;
    var input = el("input");
    if (anonymous) {
      form.appendChild(el("p", "hint", "This round is anonymous: nobody sees who gave which answer."));
    } else {
      var label = el("label", "", "Your name");
      input.name = "name";
      input.maxLength = 40;
      input.autocomplete = "name";
      label.htmlFor = input.id = "name";
      form.appendChild(label);
      form.appendChild(input);
    }
    var button = el("button", "primary", "Start");
    button.type = "submit";
    form.appendChild(button);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      api("POST", "join", { name: input.value }).then(function (result) {
        button.disabled = false;
        if (result.status === 200) {
          token = result.data.token;
          localStorage.setItem(TOKEN_KEY, token);
          load();
        } else if (!fatal(result)) {
          showJoin(result.data.error || "Could not join; try again.");
        }
      }, function () { button.disabled = false; showJoin("Cannot reach the room; try again."); });
    });
    app.replaceChildren(form);
    if (!anonymous) input.focus();
    say("");
  }

  function answerOf(program) {
    var found = pending[program] ? pending[program].answer : state.answers[program];
    return Object.assign({}, found || {});
  }

  function setAnswer(program, change) {
    var answer = Object.assign(answerOf(program), change);
    Object.keys(answer).forEach(function (k) { if (answer[k] === null || answer[k] === "") delete answer[k]; });
    state.answers[program] = answer;
    pending[program] = { answer: answer };
    delete failed[program];
    keepPending();
    flush();
    showCard();
  }

  function flush() {
    Object.keys(pending).forEach(function (program) {
      if (sending[program]) return;
      var sent = pending[program];
      sending[program] = true;
      var body = Object.assign({ program: program }, sent.answer);
      api("POST", "answer", body).then(function (result) {
        sending[program] = false;
        if (fatal(result)) return;
        if (result.status === 200 || result.status === 400) {
          if (result.status === 400) failed[program] = result.data.error || "refused";
          if (pending[program] === sent) { delete pending[program]; keepPending(); }
        }
        refreshMark();
        if (pending[program]) setTimeout(flush, result.status === 200 ? 0 : 1500);
      }, function () {
        sending[program] = false;
        refreshMark();
        setTimeout(flush, 2000);
      });
    });
    refreshMark();
  }

  function refreshMark() {
    var waiting = Object.keys(pending).length;
    say(waiting ? "Saving " + waiting + "…" : "All answers saved");
    var mark = document.getElementById("saved");
    if (!mark || !state || index < 0 || index >= state.programs.length) return;
    var program = state.programs[index].id;
    if (failed[program]) { mark.textContent = "Not saved: " + failed[program]; mark.className = "mark error"; }
    else if (pending[program]) { mark.textContent = "Saving…"; mark.className = "mark"; }
    else if (state.answers[program] && Object.keys(state.answers[program]).length) {
      mark.textContent = "Saved ✓"; mark.className = "mark ok";
    } else { mark.textContent = ""; mark.className = "mark"; }
  }

  function choice(text, pressed, onPick, className) {
    var button = el("button", "choice" + (className ? " " + className : "") + (pressed ? " on" : ""), text);
    button.type = "button";
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    button.addEventListener("click", onPick);
    return button;
  }

  function showCard() {
    var program = state.programs[index];
    var answer = answerOf(program.id);
    var card = el("section", "card");
    card.appendChild(el("p", "count", "Program " + (index + 1) + " of " + state.programs.length));
    card.appendChild(el("h1", "", program.name));
    if (program.description) card.appendChild(el("p", "description", program.description));
    state.round.scales.forEach(function (scale) {
      var group = el("fieldset", "scale");
      group.dataset.scale = scale.id;
      group.appendChild(el("legend", "", scale.question));
      scale.words.forEach(function (words, n) {
        var value = n + 1;
        var button = choice("", answer[scale.id] === value, function () {
          var change = {}; change[scale.id] = answer[scale.id] === value ? null : value; setAnswer(program.id, change);
        });
        button.dataset.value = String(value);
        button.appendChild(el("b", "", String(value)));
        button.appendChild(el("span", "", words));
        group.appendChild(button);
      });
      group.appendChild(choice("Don't know", answer[scale.id] === "dk", function () {
        var change = {}; change[scale.id] = answer[scale.id] === "dk" ? null : "dk"; setAnswer(program.id, change);
      }, "dk"));
      group.lastChild.dataset.value = "dk";
      card.appendChild(group);
    });
    if (state.round.votes.length) {
      var vote = el("fieldset", "vote");
      vote.appendChild(el("legend", "", "Your vote"));
      var row = el("div", "votes");
      state.round.votes.forEach(function (option) {
        row.appendChild(choice(option.label, answer.vote === option.id, function () {
          setAnswer(program.id, { vote: answer.vote === option.id ? null : option.id });
        }));
        row.lastChild.dataset.vote = option.id;
      });
      vote.appendChild(row);
      var label = el("label", "", "Why, in one line (optional)");
      var reason = el("input");
      reason.id = label.htmlFor = "reason";
      reason.maxLength = state.round.max_reason;
      reason.value = answer.reason || "";
      reason.enterKeyHint = "done";
      reason.addEventListener("change", function () { setAnswer(program.id, { reason: reason.value.trim() }); });
      reason.addEventListener("keydown", function (event) { if (event.key === "Enter") reason.blur(); });
      vote.appendChild(label);
      vote.appendChild(reason);
      card.appendChild(vote);
    }
    card.appendChild(el("p", "mark", ""));
    card.lastChild.id = "saved";
    var nav = el("nav", "nav");
    var back = choice("Back", false, function () { index -= 1; showCard(); });
    back.disabled = index === 0;
    var last = index === state.programs.length - 1;
    var next = choice(last ? "Finish" : "Next", false, function () {
      if (last) { showSummary(); } else { index += 1; showCard(); }
    }, "primary");
    nav.appendChild(back);
    nav.appendChild(next);
    card.appendChild(nav);
    app.replaceChildren(card);
    refreshMark();
    window.scrollTo(0, 0);
  }

  function showSummary() {
    index = -1;
    var done = el("section", "card");
    done.appendChild(el("h1", "", "Thank you"));
    done.appendChild(el("p", "hint", "You can change any answer until the round closes. Tap a program to go back to it."));
    var list = el("ul", "summary");
    state.programs.forEach(function (program, n) {
      var answered = state.answers[program.id] && Object.keys(state.answers[program.id]).length;
      var item = choice((answered ? "✓ " : "○ ") + program.name, false, function () { index = n; showCard(); }, "row");
      var entry = el("li");
      entry.appendChild(item);
      list.appendChild(entry);
    });
    done.appendChild(list);
    app.replaceChildren(done);
    refreshMark();
  }

  window.addEventListener("online", flush);
  load();
})();
