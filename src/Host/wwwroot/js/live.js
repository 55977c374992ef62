// Live updates of the portal (docs/adr/0011). The hub at /hubs/live only says that a question
// or a referral changed (its id and the kind of change). This script then fetches the same page again, same
// origin with the session cookie, and swaps in the regions marked data-live="name": the page,
// not the hub, decides what this user may see. A region the user is working in (it holds the
// focus, or a form field she changed) is left alone; a notice offers to refresh instead.
// A region with data-question-id follows that question only (a question's own page), one with
// data-referral-id that referral only (a referral's own page).
(function () {
  "use strict";
  if (!window.signalR || !window.fetch || !window.DOMParser) {
    return;
  }

  var signalR = window.signalR;
  var retryDelays = [0, 2000, 5000, 10000, 30000];
  var pending = null; // null: nothing waits; otherwise a set of question and referral ids, "*" for every region
  var running = false;

  function liveRegions() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-live]"));
  }

  function concerns(region, ids) {
    var own = region.getAttribute("data-question-id") || region.getAttribute("data-referral-id");
    return !own || ids.has("*") || ids.has(own);
  }

  function changedField(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
      return false;
    }

    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }

    if (field.tagName === "SELECT") {
      var options = Array.prototype.slice.call(field.options);
      var defaults = options.filter(function (o) { return o.defaultSelected; });
      if (defaults.length === 0 && !field.multiple) {
        return field.selectedIndex > 0;
      }

      return options.some(function (o) { return o.selected !== o.defaultSelected; });
    }

    return field.value !== field.defaultValue;
  }

  function inUse(region) {
    var active = document.activeElement;
    if (active && active !== document.body && region.contains(active)) {
      return true;
    }

    return Array.prototype.slice.call(region.querySelectorAll("input, textarea, select")).some(changedField);
  }

  // Anti-forgery tokens differ on every render; they do not make a region different.
  function sameContent(a, b) {
    function normal(element) {
      var copy = element.cloneNode(true);
      copy.querySelectorAll("input[name='__RequestVerificationToken']").forEach(function (i) { i.removeAttribute("value"); });
      return copy.outerHTML;
    }

    return normal(a) === normal(b);
  }

  function showNotice() {
    if (document.querySelector("[data-testid='live-notice']")) {
      return;
    }

    var notice = document.createElement("p");
    notice.className = "live-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-testid", "live-notice");
    notice.appendChild(document.createTextNode("Er is iets veranderd. "));
    var link = document.createElement("a");
    link.href = pageUrl();
    link.textContent = "Vernieuwen";
    notice.appendChild(link);
    var main = document.getElementById("main") || document.body;
    main.insertBefore(notice, main.firstChild);
  }

  // The page as a GET would show it: a page re-shown after a failed form post carries ?handler=.
  function pageUrl() {
    var url = new URL(window.location.href);
    url.searchParams.delete("handler");
    url.hash = "";
    return url.toString();
  }

  async function refresh(ids) {
    var targets = liveRegions().filter(function (r) { return concerns(r, ids); });
    if (targets.length === 0) {
      return;
    }

    var response = await fetch(pageUrl(), { credentials: "same-origin", cache: "no-store", headers: { Accept: "text/html" } });
    if (!response.ok || response.redirected) {
      showNotice();
      return;
    }

    var fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    targets.forEach(function (region) {
      var name = region.getAttribute("data-live");
      var replacement = Array.prototype.slice.call(fresh.querySelectorAll("[data-live]"))
        .filter(function (r) { return r.getAttribute("data-live") === name; })[0];
      if (!replacement || sameContent(region, replacement)) {
        return;
      }

      if (inUse(region)) {
        showNotice();
        return;
      }

      region.replaceWith(document.importNode(replacement, true));
    });
  }

  // One refresh at a time; pokes that arrive meanwhile are gathered into the next one.
  async function request(id) {
    pending = pending || new Set();
    pending.add(id || "*");
    if (running) {
      return;
    }

    running = true;
    try {
      while (pending) {
        var ids = pending;
        pending = null;
        try {
          await refresh(ids);
        } catch (e) {
          showNotice();
        }
      }
    } finally {
      running = false;
    }
  }

  function unauthorised(error) {
    return !!error && error.statusCode === 401;
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect({
      // Keeps trying while the server is away; stops when the session ended (the next page asks to sign in).
      nextRetryDelayInMilliseconds: function (context) {
        if (unauthorised(context.retryReason)) {
          return null;
        }

        return retryDelays[Math.min(context.previousRetryCount, retryDelays.length - 1)];
      },
    })
    .configureLogging(signalR.LogLevel.None)
    .build();

  connection.on("questionChanged", function (poke) {
    request(poke && poke.questionId);
  });

  connection.on("referralChanged", function (poke) {
    request(poke && poke.referralId);
  });

  // The notification centre (notifications.js, docs/adr/0018) hears of every connect and every poke for this user.
  function tell(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail || null }));
  }

  connection.on("notificationAdded", function (poke) {
    tell("schakel:notification", poke);
  });

  // What changed while the connection was down is caught up by refreshing every region.
  connection.onreconnected(function () {
    mark("connected");
    tell("schakel:live-connected");
    request(null);
  });

  // The connection's state on the page (data-live-state on <html>), for styling and for tests that wait for it.
  function mark(state) {
    document.documentElement.setAttribute("data-live-state", state);
  }

  connection.onreconnecting(function () {
    mark("reconnecting");
  });

  async function start() {
    try {
      await connection.start();
      mark("connected");
      tell("schakel:live-connected");
    } catch (e) {
      mark("disconnected");
      if (!unauthorised(e)) {
        window.setTimeout(start, 30000);
      }
    }
  }

  connection.onclose(function (error) {
    mark("disconnected");
    if (error && !unauthorised(error)) {
      window.setTimeout(start, 30000);
    }
  });

  start();
}());
