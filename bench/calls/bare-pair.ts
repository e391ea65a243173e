import type { Page } from '@playwright/test';
import type { IceServer } from '../../plugins/calls/shared/calls.protocol.js';

/** What one bare pair's connection took: from its start to audio received at both ends, and the signals passed. */
export interface PairRun {
  mediaMs: number;
  signals: number;
}

/**
 * The baseline of «accept → media both ways»: two bare RTCPeerConnections in one page, each
 * sending the fake microphone, signalled by direct calls (no server, no socket, no widget or
 * panel): one offer, one answer, the candidates trickled. What a call adds on top of it is the
 * core's relay, the legs' bookkeeping and the clients' code. The clock starts before either
 * connection exists and stops when both have received audio bytes, read by `getStats()` every
 * 10 ms — as `firstAudio` reads the calls' pages.
 */
export function barePair(page: Page, iceServers: IceServer[], policy: 'all' | 'relay'): Promise<PairRun> {
  return page.evaluate(
    async ({ iceServers, policy }) => {
      const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      const t0 = performance.now();
      const config: RTCConfiguration = { iceServers: iceServers as RTCIceServer[], iceTransportPolicy: policy };
      const a = new RTCPeerConnection(config);
      const b = new RTCPeerConnection(config);
      let signals = 0;
      const wire = (from: RTCPeerConnection, to: RTCPeerConnection) => {
        from.onicecandidate = (e) => {
          signals++;
          void to.addIceCandidate(e.candidate ?? undefined).catch(() => undefined);
        };
      };
      wire(a, b);
      wire(b, a);
      for (const pc of [a, b]) pc.addTrack(mic.getAudioTracks()[0]!.clone(), mic);
      await a.setLocalDescription();
      await b.setRemoteDescription(a.localDescription!);
      await b.setLocalDescription();
      await a.setRemoteDescription(b.localDescription!);
      signals += 2;
      const received = async (pc: RTCPeerConnection) => {
        let bytes = 0;
        (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
        });
        return bytes;
      };
      while (!((await received(a)) > 0 && (await received(b)) > 0)) await new Promise((r) => setTimeout(r, 10));
      const mediaMs = performance.now() - t0;
      a.close();
      b.close();
      for (const t of mic.getTracks()) t.stop();
      return { mediaMs, signals };
    },
    { iceServers, policy },
  );
}
