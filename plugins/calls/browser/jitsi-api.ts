/**
 * Jitsi Meet's IFrame API (https://jitsi.github.io/handbook/docs/dev-guide/dev-guide-iframe), as
 * much of it as the calls plugin drives. It is not bundled: the script is the installation's own
 * Jitsi host's `external_api.js` (its version matches its server), loaded at run time.
 */
export interface JitsiApiOptions {
  roomName: string;
  parentNode: HTMLElement;
  width?: string | number;
  height?: string | number;
  /** Plain HTTP to the host (a loopback test host only). */
  noSSL?: boolean;
  userInfo?: { displayName?: string; email?: string };
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  lang?: string;
}

/** The events the plugin listens to, with what they carry. */
export interface JitsiApiEvents {
  videoConferenceJoined: { roomName: string; id: string; displayName: string };
  participantJoined: { id: string; displayName?: string };
  participantLeft: { id: string };
  audioMuteStatusChanged: { muted: boolean };
  videoMuteStatusChanged: { muted: boolean };
  screenSharingStatusChanged: { on: boolean };
  readyToClose: Record<string, never>;
}

export interface JitsiDevice {
  deviceId: string;
  label: string;
  kind: 'audioinput' | 'videoinput' | 'audiooutput';
}

export interface JitsiMeetExternalApi {
  executeCommand(command: 'toggleAudio' | 'toggleVideo' | 'toggleShareScreen' | 'hangup'): void;
  executeCommand(command: 'displayName', name: string): void;
  addListener<E extends keyof JitsiApiEvents>(event: E, listener: (data: JitsiApiEvents[E]) => void): void;
  setAudioInputDevice(label: string, deviceId: string): void;
  setVideoInputDevice(label: string, deviceId: string): void;
  setAudioOutputDevice(label: string, deviceId: string): void;
  getAvailableDevices(): Promise<{ audioInput?: JitsiDevice[]; videoInput?: JitsiDevice[]; audioOutput?: JitsiDevice[] }>;
  setParticipantVolume(participantId: string, volume: number): void;
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
}

export type JitsiMeetExternalApiClass = new (domain: string, options: JitsiApiOptions) => JitsiMeetExternalApi;

declare global {
  interface Window {
    JitsiMeetExternalAPI?: JitsiMeetExternalApiClass;
  }
}

/** The host's script did not load (unreachable, blocked by a CSP, not a Jitsi host). */
export class JitsiUnavailable extends Error {
  constructor(readonly scriptUrl: string) {
    super(`Jitsi Meet's IFrame API could not be loaded from ${scriptUrl}`);
    this.name = 'JitsiUnavailable';
  }
}

const loading = new Map<string, Promise<JitsiMeetExternalApiClass>>();

/**
 * Loads `scriptUrl` once (a `<script>` element; later calls share the promise). A failure is not
 * kept: the next call tries again (the host may have been down a moment).
 */
export function loadJitsiApi(scriptUrl: string): Promise<JitsiMeetExternalApiClass> {
  const known = loading.get(scriptUrl);
  if (known) return known;
  const load = new Promise<JitsiMeetExternalApiClass>((resolve, reject) => {
    if (window.JitsiMeetExternalAPI) return resolve(window.JitsiMeetExternalAPI);
    const script = document.createElement('script');
    script.src = scriptUrl;
    script.async = true;
    script.onload = () => (window.JitsiMeetExternalAPI ? resolve(window.JitsiMeetExternalAPI) : reject(new JitsiUnavailable(scriptUrl)));
    script.onerror = () => {
      script.remove();
      reject(new JitsiUnavailable(scriptUrl));
    };
    document.head.append(script);
  });
  loading.set(scriptUrl, load);
  load.catch(() => loading.delete(scriptUrl));
  return load;
}
