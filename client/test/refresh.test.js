// Refresh before the token expires: when the token a connection opened with is a JWT with a numeric "exp" (read,
// not verified), the client rolls over make-before-break with a fresh token from getToken at a random point 60 to
// 120 s before exp (earlier than the rollover before the maximum duration, or that one decides). A fresh token
// that expires no later gains nothing: it is reported (kind "token") and the current connection is kept.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { EPOCH, harness, message, replay, settle } from "./fakes.js";

const PROTOCOL = { mode: "jwt", tokenSource: "protocol", subprotocols: ["rtc", "<token>"] };

function base64url(text) {
  return Buffer.from(text, "utf8").toString("base64url");
}

/** An unsigned JWT-shaped token with this payload: the client reads it, never verifies it. */
export function jwt(payload) {
  return `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}.signature`;
}

/**
 * A client under jwt auth whose getToken hands out the given tokens in turn (a function of the clock's now in
 * ms, or a string), the last one again once they run out; the first connection is open and has its baseline.
 */
async function connected(tokens, options = {}) {
  let calls = 0;
  const h = harness({
    auth: PROTOCOL,
    // No heartbeat within these tests' hours (the fake server answers no ping).
    config: { heartbeatSeconds: 86_400 },
    getToken: async () => {
      const token = tokens[Math.min(calls++, tokens.length - 1)];
      return typeof token === "function" ? token(h.clock.now()) : token;
    },
    ...options,
  });
  h.client.connect();
  await settle();
  h.ws.last.accept();
  h.ws.last.deliver({ type: "position", epoch: EPOCH, seq: 0 });
  return Object.defineProperty(h, "calls", { get: () => calls });
}

const START = Date.UTC(2025, 0, 1) / 1000;

/** A token that expires `seconds` after the clock's now when getToken is called. */
const expiringIn = (seconds) => (now) => jwt({ sub: "alice", exp: Math.floor(now / 1000) + seconds });

describe("refresh before the token expires", () => {
  // The first draw places the rollover before the maximum duration; the second, the refresh before exp.
  for (const [draw, expected] of [[0, 3_540_000], [0.5, 3_510_000], [0.999, 3_480_060]]) {
    it(`rolls over with a fresh token at a random point 60-120 s before exp (draw ${draw})`, async () => {
      const h = await connected([expiringIn(3600), expiringIn(7200)], { random: () => draw });
      assert.equal(Math.round(h.clock.runUntil(() => h.calls === 2)), expected);
      await settle();
      assert.equal(h.ws.sockets.length, 2);
      assert.ok(h.ws.sockets[0].isOpen);
      assert.deepEqual(h.events.errors, []);
    });
  }

  it("the earlier deadline decides: a token that outlives the maximum duration rolls over at 85-95 % of it, as without exp", async () => {
    const h = await connected([expiringIn(36_000)], { random: () => 0.5 });
    assert.equal(h.clock.runUntil(() => h.calls === 2), 0.9 * 7_200_000);
  });

  it("a token with less than 4 minutes left rolls over between a quarter and a half of that before exp, and not in a loop", async () => {
    for (const [draw, expected] of [[0, 15_000], [0.999, 10_005]]) {
      const h = await connected([expiringIn(20)], { random: () => draw });
      assert.equal(Math.round(h.clock.runUntil(() => h.calls === 2)), expected);
      await settle();
      h.ws.last.accept();
      h.ws.last.deliver(replay([]));
      // The new connection's fresh 20-s token (its exp in whole seconds) is refreshed in its turn, 10-15 s later.
      const again = h.clock.runUntil(() => h.calls === 3);
      assert.ok(again >= 10_000 && again <= 15_000, `${again}`);
      assert.deepEqual(h.ws.sockets.map((s) => s.isOpen), [false, true]);
    }
  });

  it("make-before-break: messages across the refresh are emitted once each, in order", async () => {
    const h = await connected([expiringIn(600), expiringIn(1200)]);
    const old = h.ws.last;
    old.deliver(message(1));
    old.deliver(message(2));
    h.clock.runUntil(() => h.calls === 2);
    assert.ok(h.clock.now() < (START + 600) * 1000 - 60_000);
    await settle();
    const next = h.ws.last;
    assert.notEqual(next, old);
    next.accept();
    assert.deepEqual(next.resumes, [{ action: "resume", epoch: EPOCH, after: 2 }]);
    old.deliver(message(3));
    next.deliver(message(3));
    old.deliver(message(4));
    next.deliver(replay([3]));
    assert.deepEqual(old.closedWith, { code: 1000, reason: "rollover" });
    next.deliver(message(4));
    next.deliver(message(5));
    old.deliver(message(6));
    assert.deepEqual(h.seqs(), [1, 2, 3, 4, 5]);
    assert.equal(h.ws.mostOpenAtOnce, 2);
    assert.equal(h.client.state, "open");
  });

  for (const [what, secondExp] of [["the same expiry", START + 3600], ["an earlier expiry", START + 3540]]) {
    it(`a fresh token with ${what} is reported as an error of kind token; the connection is kept and not refreshed again`, async () => {
      const h = await connected([jwt({ exp: START + 3600 }), jwt({ exp: secondExp }), expiringIn(3600)]);
      const old = h.ws.last;
      h.clock.runUntil(() => h.calls === 2);
      await settle();
      assert.equal(h.ws.sockets.length, 1);
      assert.ok(old.isOpen);
      assert.equal(h.client.state, "open");
      assert.deepEqual(h.events.errors.map((e) => e.kind), ["token"]);
      assert.match(h.events.errors[0].message, /expires .* no later than/);

      // No loop: no further refresh on this connection, up to and past its expiry (the server has not closed it).
      h.clock.advance(300_000);
      await settle();
      assert.equal(h.calls, 2);
      old.deliver(message(1));
      assert.deepEqual(h.seqs(), [1]);

      // A close by the server (e.g. at the token's expiry) reconnects at once, with a fresh token.
      old.drop(1000);
      assert.ok(h.clock.runUntil(() => h.calls === 3) < 1000);
      await settle();
      assert.equal(h.ws.sockets.length, 2);
      h.ws.last.accept();
      assert.deepEqual(h.ws.last.resumes, [{ action: "resume", epoch: EPOCH, after: 1 }]);
    });
  }

  it("after a stale refresh, the rollover before the maximum duration still happens", async () => {
    const h = await connected([jwt({ exp: START + 3600 }), jwt({ exp: START + 3600 }), expiringIn(3600)], { random: () => 0.5 });
    h.clock.runUntil(() => h.calls === 2);
    await settle();
    assert.equal(h.events.errors.length, 1);
    h.clock.runUntil(() => h.calls === 3);
    assert.equal(h.clock.now() - START * 1000, 0.9 * 7_200_000);
    await settle();
    assert.equal(h.ws.sockets.length, 2);
  });

  it("a fresh token without exp counts as expiring later: the refresh goes ahead", async () => {
    const h = await connected([expiringIn(600), "opaque-token"]);
    h.clock.runUntil(() => h.calls === 2);
    await settle();
    assert.equal(h.ws.sockets.length, 2);
    assert.deepEqual(h.events.errors, []);
  });

  it("a timer that runs late (a frozen page) past the refresh point rolls over at once", async () => {
    const h = await connected([expiringIn(600), expiringIn(1200)]);
    h.clock.freeze(590_000);
    h.clock.advance(0);
    assert.equal(h.calls, 2);
  });

  it("a token already expired by the client's clock gets no refresh: the rollover before the maximum duration stays", async () => {
    const h = await connected([expiringIn(-30)], { random: () => 0.5 });
    assert.equal(h.clock.runUntil(() => h.calls === 2), 0.9 * 7_200_000);
  });

  for (const [what, token] of [
    ["an opaque token", "token-1"],
    ["a JWT without exp", jwt({ sub: "alice" })],
    ["a JWT with a string exp", jwt({ sub: "alice", exp: "1735693200" })],
    ["a JWT with a null payload", jwt(null)],
    ["a payload that is not base64url", "a.%%%.c"],
    ["a payload that is not JSON", `a.${base64url("{not json")}.c`],
    ["too few parts", `a.${base64url(JSON.stringify({ exp: 1 }))}`],
    ["an empty payload", "a..c"],
  ]) {
    it(`${what}: no expiry known, today's rollover before the maximum duration, nothing thrown`, async () => {
      const h = await connected([token], { random: () => 0.5 });
      assert.equal(h.client.state, "open");
      assert.equal(h.clock.runUntil(() => h.calls === 2), 0.9 * 7_200_000);
      assert.deepEqual(h.events.errors, []);
    });
  }
});
