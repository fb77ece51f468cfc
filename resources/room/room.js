// The rating round's page: join, then one card per program, every tap sent at once.
// Text from the plan or from people is only ever set with textContent: never as markup.
// Program ids are data, never property names: they live in Maps and Sets, so an id such as
// "constructor", "toString" or "__proto__" is as plain as "P1" (a plain object would answer
// those from its prototype, or change its prototype).
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
  var pending = readPending();  // program -> { answer } not yet acknowledged
  var sending = new Set();      // programs with a request out
  var failed = new Map();       // program -> message the server gave for refusing it
  // The laptop cannot save (its folder is read-only, its disk full, a fault): retrying will
  // not help until the facilitator acts, so answers wait here until a person taps again.
  var blocked = "";
  var CANNOT_SAVE = "Your answers cannot be saved on the facilitator's laptop right now; tell the facilitator.";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Kept as a list of [program, { answer }] pairs; a page of an older version kept an object.
  function readPending() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(PENDING_KEY)); } catch (e) { kept = null; }
    if (Array.isArray(kept)) {
      return new Map(kept.filter(function (pair) {
        return Array.isArray(pair) && typeof pair[0] === "string" && pair[1] && typeof pair[1].answer === "object";
      }));
    }
    return new Map(kept && typeof kept === "object" ? Object.entries(kept) : []);
  }
  function keepPending() { localStorage.setItem(PENDING_KEY, JSON.stringify(Array.from(pending))); }

  function say(text) { statusLine.textContent = text; }

  function api(method, path, body) {
    var headers = {};
    if (token) headers["X-Member"] = token;
    // same-origin: the device cookie goes along, so a second join resumes the first member.
    var init = { method: method, headers: headers, cache: "no-store", credentials: "same-origin" };
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
    if (result.status === 403 && result.data.waiting) { load(); return true; }
    if (result.status === 403) { stop("This link no longer works. Scan the QR code on the screen again."); return true; }
    if (result.status === 410) { closed(); return true; }
    return false;
  }

  // The facilitator closed the round: say so, and name every answer that did not reach the
  // laptop (they stay on this phone, but the round takes no more).
  function closed() {
    var notice = el("section", "card");
    notice.appendChild(el("h1", "", "The round is closed"));
    var names = new Map((state ? state.programs : []).map(function (p) { return [p.id, p.name]; }));
    var lost = Array.from(pending.keys()).map(function (p) { return names.get(p) || p; });
    if (lost.length) {
      notice.appendChild(el("p", "error", (lost.length === 1 ? "This answer was" : "These answers were") + " not saved:"));
      var list = el("ul", "lost");
      lost.forEach(function (name) { list.appendChild(el("li", "", name)); });
      notice.appendChild(list);
      notice.appendChild(el("p", "hint", "Tell the facilitator, who can add them by hand."));
    } else {
      notice.appendChild(el("p", "", "All your answers were saved. Thank you!"));
    }
    app.replaceChildren(notice);
    say(lost.length ? lost.length + " not saved" : "");
  }

  function forget() {
    token = null; state = null; pending = new Map(); keepPending();
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
      if (result.data.waiting) {  // joined past the expected number: the facilitator decides
        document.getElementById("title").textContent = result.data.round.title || "Rating round";
        stop("You have joined. The facilitator will let you in shortly; this page then shows the first program.");
        setTimeout(load, 3000);
        return;
      }
      state = result.data;
      document.getElementById("title").textContent = state.round.title || "Rating round";
      var answers = new Map(Object.entries(state.answers));  // own keys only, as data
      state.answers = answers;
      pending.forEach(function (sent, p) { answers.set(p, sent.answer); });
      index = state.programs.findIndex(function (p) { return !complete(p.id); });
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
        if (result.status === 403 && result.data.barred) {
          showJoin("The facilitator removed this device from the round. Ask the facilitator to let it back in.");
        } else if (result.status === 200) {
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
    var found = pending.has(program) ? pending.get(program).answer : state.answers.get(program);
    return Object.assign({}, found || {});
  }

  // Store the change and repaint the card in place: the buttons under the finger stay the
  // same elements and the page does not scroll (a re-render used to jump back to the top
  // and swallow the tap on Next that followed a reason).
  function setAnswer(program, change) {
    var answer = Object.assign(answerOf(program), change);
    Object.keys(answer).forEach(function (k) { if (answer[k] === null || answer[k] === "") delete answer[k]; });
    state.answers.set(program, answer);
    pending.set(program, { answer: answer });
    failed.delete(program);
    keepPending();
    flush(true);
    paint();
  }

  // Send every answer not yet acknowledged. While the laptop cannot save, only a person's
  // tap (`byPerson`) sends: nothing retries on its own.
  function flush(byPerson) {
    if (blocked && !byPerson) return;
    pending.forEach(function (sent, program) {
      if (sending.has(program)) return;
      sending.add(program);
      var body = Object.assign({ program: program }, sent.answer);
      api("POST", "answer", body).then(function (result) {
        sending.delete(program);
        if (fatal(result)) return;
        if (result.status === 200 || result.status === 400) {
          if (result.status === 400) failed.set(program, result.data.error || "refused");
          if (pending.get(program) === sent) { pending.delete(program); keepPending(); }
          if (blocked) { block(""); flush(); }  // the laptop saves again: send the rest
        } else if (result.status === 500 || result.status === 507) {
          block(result.data.error || CANNOT_SAVE);
        }
        refreshMark();
        if (pending.has(program) && !blocked) setTimeout(flush, result.status === 200 ? 0 : 1500);
      }, function () {
        sending.delete(program);
        refreshMark();
        setTimeout(flush, 2000);
      });
    });
    refreshMark();
  }

  function block(message) {
    blocked = message;
    var problem = document.getElementById("problem");
    document.getElementById("problem-text").textContent = message;
    problem.hidden = !message;
  }

  function refreshMark() {
    var waiting = pending.size;
    say(!waiting ? "All answers saved" : blocked ? waiting + " not saved" : "Saving " + waiting + "…");
    var mark = document.getElementById("saved");
    if (!mark || !state || index < 0 || index >= state.programs.length) return;
    var program = state.programs[index].id;
    var answer = state.answers.get(program);
    if (failed.has(program)) { mark.textContent = "Not saved: " + failed.get(program); mark.className = "mark error"; }
    else if (pending.has(program) && blocked) { mark.textContent = "Not saved yet"; mark.className = "mark error"; }
    else if (pending.has(program)) { mark.textContent = "Saving…"; mark.className = "mark"; }
    else if (answer && Object.keys(answer).length) {
      mark.textContent = "Saved ✓"; mark.className = "mark ok";
    } else { mark.textContent = ""; mark.className = "mark"; }
  }

  function choice(text, pressed, onPick, className) {
    var button = el("button", "choice" + (className ? " " + className : ""), text);
    button.type = "button";
    press(button, pressed);
    button.addEventListener("click", onPick);
    return button;
  }

  function press(button, pressed) {
    button.classList.toggle("on", pressed);
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  // A card answered on every scale, and on the vote if the round asks it (a reason is optional).
  function complete(program) {
    var answer = answerOf(program);
    var scales = state.round.scales.every(function (scale) { return answer[scale.id] !== undefined; });
    return scales && (!state.round.votes.length || answer.vote !== undefined);
  }

  function valueOf(button) { return button.dataset.value === "dk" ? "dk" : Number(button.dataset.value); }

  // Show the current answer on the card that is already there.
  function paint() {
    if (!state || index < 0 || index >= state.programs.length) { refreshMark(); return; }
    var answer = answerOf(state.programs[index].id);
    app.querySelectorAll("fieldset.scale").forEach(function (group) {
      var chosen = answer[group.dataset.scale];
      group.querySelectorAll("button").forEach(function (button) { press(button, valueOf(button) === chosen); });
      var words = group.querySelector(".words");
      var scale = state.round.scales.find(function (s) { return s.id === group.dataset.scale; });
      words.textContent = chosen === "dk" ? "Don't know"
        : chosen ? chosen + ": " + scale.words[chosen - 1]
        : "1 " + scale.words[0] + " … 4 " + scale.words[3];
      words.classList.toggle("chosen", chosen !== undefined);
    });
    app.querySelectorAll("button[data-vote]").forEach(function (button) { press(button, answer.vote === button.dataset.vote); });
    refreshMark();
  }

  function toggle(program, key, value) {
    var change = {};
    change[key] = answerOf(program)[key] === value ? null : value;  // tapping it again clears it
    setAnswer(program, change);
  }

  function showCard() {
    var program = state.programs[index];
    var answer = answerOf(program.id);
    var card = el("section", "card");
    card.appendChild(el("p", "count", "Program " + (index + 1) + " of " + state.programs.length));
    card.appendChild(el("h1", "", program.name));
    if (program.description) {  // folded, so the scales, the vote and Next fit one screen
      var about = el("details", "description");
      about.appendChild(el("summary", "", "About this program"));
      about.appendChild(el("p", "", program.description));
      card.appendChild(about);
    }
    state.round.scales.forEach(function (scale) {
      var group = el("fieldset", "scale");
      group.dataset.scale = scale.id;
      group.appendChild(el("legend", "", scale.question));
      var row = el("div", "row5");
      scale.words.forEach(function (words, n) {
        var value = n + 1;
        var button = choice(String(value), false, function () { toggle(program.id, scale.id, value); });
        button.dataset.value = String(value);
        button.setAttribute("aria-label", value + ": " + words);
        row.appendChild(button);
      });
      var dk = choice("Don't know", false, function () { toggle(program.id, scale.id, "dk"); }, "dk");
      dk.dataset.value = "dk";
      row.appendChild(dk);
      group.appendChild(row);
      group.appendChild(el("p", "words"));
      card.appendChild(group);
    });
    if (state.round.votes.length) {
      var vote = el("fieldset", "vote");
      vote.appendChild(el("legend", "", "Your vote"));
      var votes = el("div", "votes");
      state.round.votes.forEach(function (option) {
        var button = choice(option.label, false, function () { toggle(program.id, "vote", option.id); });
        button.dataset.vote = option.id;
        votes.appendChild(button);
      });
      vote.appendChild(votes);
      var reason = el("input");
      reason.id = "reason";
      reason.placeholder = "Why, in one line (optional)";
      reason.setAttribute("aria-label", "Why, in one line (optional)");
      reason.maxLength = state.round.max_reason;
      reason.value = answer.reason || "";
      reason.enterKeyHint = "done";
      // Saved as it is typed (a moment after the last key), and at once on leaving it.
      var typing = 0;
      var saveReason = function () {
        clearTimeout(typing);
        if ((answerOf(program.id).reason || "") !== reason.value.trim()) setAnswer(program.id, { reason: reason.value.trim() });
      };
      reason.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(saveReason, 500); });
      reason.addEventListener("change", saveReason);
      reason.addEventListener("keydown", function (event) { if (event.key === "Enter") reason.blur(); });
      vote.appendChild(reason);
      card.appendChild(vote);
      leaving = saveReason;
    } else {
      leaving = function () {};
    }
    var nav = el("nav", "nav");
    var back = choice("Back", false, function () { leaving(); index -= 1; showCard(); });
    back.disabled = index === 0;
    var last = index === state.programs.length - 1;
    var next = choice(last ? "Finish" : "Next", false, function () {
      leaving();
      if (last) { showSummary(); } else { index += 1; showCard(); }
    }, "primary");
    nav.appendChild(back);
    var mark = el("p", "mark", "");
    mark.id = "saved";
    mark.setAttribute("aria-live", "polite");
    nav.appendChild(mark);
    nav.appendChild(next);
    card.appendChild(nav);
    app.replaceChildren(card);
    paint();
    window.scrollTo(0, 0);
  }

  var leaving = function () {};  // saves what the card's reason field holds before moving on

  function showSummary() {
    index = -1;
    var done = el("section", "card");
    done.appendChild(el("h1", "", "Thank you"));
    done.appendChild(el("p", "hint", "You can change any answer until the round closes. Tap a program to go back to it."));
    var list = el("ul", "summary");
    state.programs.forEach(function (program, n) {
      var answer = state.answers.get(program.id);
      var answered = answer && Object.keys(answer).length;
      var mark = complete(program.id) ? "✓ " : answered ? "◐ " : "○ ";
      var item = choice(mark + program.name, false, function () { index = n; showCard(); }, "row");
      var entry = el("li");
      entry.appendChild(item);
      list.appendChild(entry);
    });
    done.appendChild(list);
    app.replaceChildren(done);
    refreshMark();
  }

  window.addEventListener("online", function () { flush(); });
  document.getElementById("retry").addEventListener("click", function () { flush(true); });
  load();
})();
