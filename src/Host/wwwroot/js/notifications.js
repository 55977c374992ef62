// The notification centre's counter (docs/adr/0018). live.js tells this script when the live
// channel connects or reconnects, and when a notification for this user was stored (a poke with
// its id only). Each time it asks /api/notifications for what came after the last one this tab
// saw (kept in sessionStorage), so nothing made while the connection was down is missed, and
// sets the unread counter from the same answer.
(function () {
  "use strict";
  if (!window.fetch || !window.sessionStorage || !document.querySelector("[data-unread-count]")) {
    return;
  }

  var lastSeenKey = "schakel.notifications.lastSeen";
  var cap = 50; // the API's most per answer: a full answer means there may be more
  var running = false;
  var again = false;

  function setUnread(count) {
    document.querySelectorAll("[data-unread-count]").forEach(function (counter) {
      counter.textContent = String(count);
    });
    document.documentElement.setAttribute("data-unread", String(count));
  }

  function lastSeen() {
    try {
      return window.sessionStorage.getItem(lastSeenKey);
    } catch (e) {
      return null;
    }
  }

  function remember(id) {
    try {
      window.sessionStorage.setItem(lastSeenKey, id);
    } catch (e) {
      // Storage full or refused: the next fetch asks for the newest again, which is harmless.
    }
  }

  // On the list page, a notification that is not on it yet asks to refresh (the page is not rebuilt under her hands).
  function offerRefresh(notifications) {
    var list = document.querySelector("[data-notification-list], [data-testid='notifications-empty']");
    if (!list || document.querySelector("[data-testid='notifications-notice']")) {
      return;
    }

    var fresh = notifications.some(function (n) {
      return !document.querySelector("[data-notification-id='" + n.id + "']");
    });
    if (!fresh) {
      return;
    }

    var notice = document.createElement("p");
    notice.className = "live-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-testid", "notifications-notice");
    notice.appendChild(document.createTextNode("Er zijn nieuwe meldingen. "));
    var link = document.createElement("a");
    link.href = window.location.pathname;
    link.textContent = "Vernieuwen";
    notice.appendChild(link);
    list.parentNode.insertBefore(notice, list);
  }

  async function fetchOnce() {
    var after = lastSeen();
    var response = await fetch("/api/notifications" + (after ? "?after=" + encodeURIComponent(after) : ""), {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    if (!response.ok || response.redirected) {
      return false;
    }

    var feed = await response.json();
    setUnread(feed.unread);
    var notifications = feed.notifications || [];
    if (notifications.length > 0) {
      remember(notifications[notifications.length - 1].id);
      offerRefresh(notifications);
    }

    return !!after && notifications.length >= cap;
  }

  // One catch-up at a time; a poke that arrives meanwhile makes one more round.
  async function catchUp() {
    if (running) {
      again = true;
      return;
    }

    running = true;
    try {
      do {
        again = false;
        while (await fetchOnce()) {
          // a full answer: ask again after its last
        }
      } while (again);
    } catch (e) {
      // The server is away; the next connect or poke tries again.
    } finally {
      running = false;
    }
  }

  document.addEventListener("schakel:live-connected", catchUp);
  document.addEventListener("schakel:notification", catchUp);
}());
