// pauseWhenHidden: a page hidden that long gives up its connection (idle tabs cost no connection-minutes)
// and reconnects and resumes when visible again.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EPOCH, established, message, replay } from "./fakes.js";

const PAUSE = { pauseWhenHidden: 60, config: { heartbeatSeconds: 30 } };

/** Answers every ping for the given time, as a live server would. */
function answerPings(h, ms) {
  const end = h.clock.now() + ms;
  while (h.clock.now() < end) {
    h.clock.advance(Math.min(1_000, end - h.clock.now()));
    const socket = h.ws.last;
    if (socket.isOpen && socket.pings > (socket.answered ?? 0)) {
      socket.answered = socket.pings;
      socket.deliver({ type: "pong" });
    }
  }
}

describe("pauseWhenHidden", () => {
  it("is off by default: a page hidden for an hour keeps its connection", () => {
    const h = established({ config: { heartbeatSeconds: 30 } });
    h.document.hide();
    answerPings(h, 3600_000);
    assert.ok(h.ws.last.isOpen);
    assert.equal(h.ws.sockets.length, 1);
  });

  it("closes the connection once the page has been hidden that long, and stays closed while hidden", () => {
    const h = established(PAUSE);
    h.document.hide();
    answerPings(h, 59_000);
    assert.ok(h.ws.last.isOpen);
    answerPings(h, 1_000);
    assert.deepEqual(h.ws.last.closedWith, { code: 1000, reason: "page hidden" });
    assert.equal(h.client.state, "idle");
    h.clock.advance(6 * 3600_000);
    assert.equal(h.ws.sockets.length, 1);
    assert.equal(h.clock.pendingTimers, 0);
    h.window.dispatch("online");
    assert.equal(h.ws.sockets.length, 1);
  });

  it("reconnects when visible again and resumes from where it was, so nothing published meanwhile is lost", () => {
    const h = established(PAUSE);
    h.ws.last.deliver(message(1));
    h.document.hide();
    answerPings(h, 120_000);
    h.document.show();
    assert.equal(h.ws.sockets.length, 2);
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 1 }]);
    h.ws.last.deliver(replay([2, 3]));
    assert.deepEqual(h.seqs(), [1, 2, 3]);
    assert.equal(h.client.state, "open");
  });

  it("a page hidden for less than that keeps its connection", () => {
    const h = established(PAUSE);
    h.document.hide();
    answerPings(h, 50_000);
    h.document.show();
    answerPings(h, 60_000);
    assert.ok(h.ws.last.isOpen);
    assert.equal(h.ws.sockets.length, 1);
  });

  it("connect() during a pause reconnects at once and resumes; a page still hidden pauses again after the full time", () => {
    const h = established(PAUSE);
    h.ws.last.deliver(message(1));
    h.document.hide();
    answerPings(h, 60_000);
    assert.equal(h.client.state, "idle");
    h.client.connect();
    assert.equal(h.ws.sockets.length, 2);
    h.ws.last.accept();
    assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 1 }]);
    h.ws.last.deliver(replay([]));
    answerPings(h, 59_000);
    assert.ok(h.ws.last.isOpen);
    answerPings(h, 1_000);
    assert.equal(h.ws.last.closedWith?.reason, "page hidden");
  });

  it("judges the hidden time by the clock even when the page was frozen and no timer ran", () => {
    const h = established(PAUSE);
    h.document.hide();
    h.clock.freeze(10 * 60_000);
    h.clock.advance(0);
    assert.equal(h.client.state, "idle");
    assert.equal(h.ws.sockets[0].closedWith?.reason, "page hidden");
  });
});
