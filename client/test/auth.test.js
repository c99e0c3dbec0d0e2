// Identity on the handshake, as clientConfig.auth says. API Gateway authorises only $connect and a browser
// cannot set headers on a WebSocket, so the token travels in the query string or as the second subprotocol;
// the authorizer sees it only at $connect, so a fresh one is fetched before every attempt.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LOCAL_URL, harness, settle } from "./fakes.js";

const QUERY = { mode: "jwt", tokenSource: "query", queryParameter: "token" };
const PROTOCOL = { mode: "jwt", tokenSource: "protocol", subprotocols: ["rtc", "<token>"] };

function counting() {
  let calls = 0;
  return {
    getToken: async () => `token-${++calls}`,
    get calls() {
      return calls;
    },
  };
}

describe("auth", () => {
  it('mode "none" sends the user id in the configured query parameter, encoded', () => {
    const h = harness({ userId: "alice smith/1" });
    h.client.connect();
    assert.equal(h.ws.last.url, `${LOCAL_URL}?user_id=alice%20smith%2F1`);
    assert.equal(h.ws.last.protocols, undefined);
  });

  it("a url that already has a query string gets the parameter appended", () => {
    const h = harness({ config: { url: `${LOCAL_URL}?tenant=t1` } });
    h.client.connect();
    assert.equal(h.ws.last.url, `${LOCAL_URL}?tenant=t1&user_id=alice`);
  });

  it('jwt with tokenSource "query" sends the token as ?token=', async () => {
    const tokens = counting();
    const h = harness({ auth: QUERY, getToken: tokens.getToken });
    h.client.connect();
    await settle();
    assert.equal(h.ws.last.url, `${LOCAL_URL}?token=token-1`);
    assert.equal(h.ws.last.protocols, undefined);
  });

  it('jwt with tokenSource "protocol" offers the subprotocols ["rtc", token] and leaves the url alone', async () => {
    const tokens = counting();
    const h = harness({ auth: PROTOCOL, getToken: tokens.getToken });
    h.client.connect();
    await settle();
    assert.equal(h.ws.last.url, LOCAL_URL);
    assert.deepEqual(h.ws.last.protocols, ["rtc", "token-1"]);
  });

  it("getToken is called before every attempt: reconnects and rollovers use a fresh token", async () => {
    const tokens = counting();
    const h = harness({ auth: PROTOCOL, getToken: tokens.getToken, config: { maxConnectionSeconds: 100 } });
    h.client.connect();
    await settle();
    h.ws.last.drop(1006);
    h.clock.runUntil(() => tokens.calls === 2);
    await settle();
    h.ws.last.accept();
    h.ws.last.deliver({ type: "position", epoch: "e1", seq: 0 });
    h.clock.runUntil(() => tokens.calls === 3);
    await settle();

    assert.deepEqual(h.ws.sockets.map((s) => s.protocols[1]), ["token-1", "token-2", "token-3"]);
    // The third is the rollover's: the second connection is still open beside it.
    assert.ok(h.ws.sockets[1].isOpen);
  });

  it("a failing getToken is reported and retried with backoff, never in a loop", async () => {
    let calls = 0;
    const h = harness({
      auth: QUERY,
      getToken: async () => {
        calls++;
        throw new Error("identity provider down");
      },
    });
    h.client.connect();
    await settle();
    assert.equal(calls, 1);
    assert.deepEqual(h.events.errors.map((e) => [e.kind, e.cause.message]), [["token", "identity provider down"]]);
    assert.equal(h.ws.sockets.length, 0);

    h.clock.advance(249);
    await settle();
    assert.equal(calls, 1);
    h.clock.advance(1);
    await settle();
    assert.equal(calls, 2);
    assert.equal(h.client.state, "connecting");
  });

  it("a getToken that never answers is abandoned after the connect timeout and tried again", async () => {
    let calls = 0;
    const h = harness({ auth: QUERY, getToken: () => (calls++, new Promise(() => {})) });
    h.client.connect();
    h.clock.runUntil(() => calls === 2);
    assert.deepEqual(h.events.errors.map((e) => e.kind), ["timeout"]);
  });

  it("options that cannot work are refused at construction, naming the option", () => {
    assert.throws(() => harness({ auth: QUERY }), /getToken/);
    assert.throws(() => harness({ userId: "" }), /userId/);
    assert.throws(() => harness({ auth: { mode: "jwt", tokenSource: "query" }, getToken: async () => "t" }), /config\.auth/);
    assert.throws(() => harness({ config: { heartbeatSeconds: 0 } }), /heartbeatSeconds/);
    assert.throws(() => harness({ backoffCapSeconds: -1 }), /backoffCapSeconds/);
    assert.throws(() => harness({ WebSocket: "not a constructor" }), /WebSocket/);
  });
});
