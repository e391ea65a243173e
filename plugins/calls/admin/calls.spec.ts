import { type ComponentRef, EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthService, DIALOG_TOOLBAR_ACTIONS, FLOATING_WINDOWS, MESSAGE_RENDERERS, NOTIFICATION_KINDS, PanelNotifications, SOCKET_FACTORY } from '../../../admin-ui/src/app/plugin-api';
import { FakePluginSocket as FakeSocket, mountSlot as mount, settle } from '../../../admin-ui/src/testing/plugin-spec-kit';
import { appTestProviders, authResponse, initI18n, makeUser, resetBrowserState } from '../../../admin-ui/src/testing/test-providers';
import type { CallDto, CallJoin, CallLine } from '../shared/calls.protocol';
import { CallLineMessage } from './call-line.component';
import { CallSession } from './call-session';
import { CallWindow } from './call-window.component';
import { callsBackground } from './calls-background';
import { CallsStore } from './calls.store';
import calls from './manifest';
import { RecordingLineMessage } from './recording-line.component';
import { RingingPopup } from './ringing-popup.component';

const call = (over: Partial<CallDto> = {}): CallDto => ({
  id: 'call-1',
  siteId: 'site-1',
  dialogId: 'd-1',
  visitorId: 'v-1',
  visitorName: 'Мария Петрова',
  direction: 'visitor-to-operator',
  state: 'ringing',
  video: false,
  operatorId: null,
  operatorName: null,
  createdAt: new Date().toISOString(),
  answeredAt: null,
  endedAt: null,
  endReason: null,
  endedBy: null,
  recording: false,
  backend: 'webrtc',
  participants: [],
  ...over,
});

/** Waits for a condition the app reaches through promises (media, acknowledgements). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

/** Media devices without a camera or microphone: a canvas and an oscillator stand in (real tracks, real peers). */
function fakeMedia() {
  const audio = new AudioContext();
  const getUserMedia = vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockImplementation(async (constraints) => {
    const tracks: MediaStreamTrack[] = [];
    if (constraints?.audio) {
      const osc = audio.createOscillator();
      const out = audio.createMediaStreamDestination();
      osc.connect(out);
      osc.start();
      tracks.push(...out.stream.getAudioTracks());
    }
    if (constraints?.video) {
      const canvas = document.createElement('canvas');
      canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
      tracks.push(...canvas.captureStream(5).getVideoTracks());
    }
    return new MediaStream(tracks);
  });
  vi.spyOn(navigator.mediaDevices, 'enumerateDevices').mockResolvedValue([]);
  return getUserMedia;
}

/** Signed in as operator 1, the calls background running as the shell runs it, on a fake `/calls` socket. */
async function startBackground() {
  resetBrowserState('ru');
  const sockets: FakeSocket[] = [];
  TestBed.configureTestingModule({
    providers: [appTestProviders(), { provide: SOCKET_FACTORY, useValue: (uri: string) => sockets[sockets.push(new FakeSocket(uri)) - 1] }],
  });
  initI18n();
  const backend = TestBed.inject(HttpTestingController);
  const login = firstValueFrom(TestBed.inject(AuthService).login('anna@romashka.ru', 'password1'));
  backend.expectOne('/api/auth/login').flush(authResponse(1, makeUser({ id: 1 })));
  await login;
  const injector = createEnvironmentInjector([...callsBackground.providers, ...(await calls.slots!())], TestBed.inject(EnvironmentInjector));
  injector.runInContext(callsBackground.start);
  await settle();
  const socket = sockets.find((s) => s.uri === '/calls')!;
  return { injector, socket, store: injector.get(CallsStore), session: injector.get(CallSession) };
}

const el = (ref: ComponentRef<unknown>) => ref.location.nativeElement as HTMLElement;
const q = (ref: ComponentRef<unknown>, testId: string) => el(ref).querySelector<HTMLElement>(`[data-testid="${testId}"]`);

/** A visitor's call rings and is accepted here (the operator's leg `leg-b`, the visitor's `leg-a`): the window shows it active. */
async function answerHere(socket: FakeSocket, injector: EnvironmentInjector, session: CallSession) {
  socket.serve('connect');
  socket.take('calls.mine').ack({ ok: true, data: [] });
  socket.serve('call.ringing', call());
  await settle();
  const popup = mount(RingingPopup, injector);
  const window = mount(CallWindow, injector);
  await settle();
  expect(q(window, 'calls-window')).toBeNull();
  (q(popup, 'calls-ringing-accept') as HTMLButtonElement).click();
  await until(() => socket.sent.some((s) => s.event === 'call.accept'));
  const answeredAt = new Date(Date.now() - 65_000).toISOString();
  const join: CallJoin = {
    call: call({ state: 'active', operatorId: 1, answeredAt }),
    legId: 'leg-b',
    legs: [
      { id: 'leg-a', side: 'visitor', userId: null, name: null, media: { audio: true, video: false, screen: false } },
      { id: 'leg-b', side: 'operator', userId: 1, name: 'Oleg', media: { audio: true, video: false, screen: false } },
    ],
    legsSeq: 3,
    iceServers: [],
    iceTransportPolicy: 'all',
    jitsi: null,
  };
  socket.take('call.accept').ack({ ok: true, data: join });
  await until(() => session.phase() === 'active');
  await settle();
  return { popup, window, join };
}

describe('calls in the panel', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.querySelectorAll('cp-calls-ringing, cp-call-window, cp-call-line, cp-call-recording').forEach((n) => n.remove());
  });

  it('the background: calls.mine on every connect; a ringing call pops up with the ring and a «Звонки» notification, and closes when another operator takes it', async () => {
    const notify = vi.spyOn(PanelNotifications.prototype, 'notify').mockReturnValue(true);
    const { socket, store, injector } = await startBackground();
    socket.serve('connect');
    socket.take('calls.mine').ack({ ok: true, data: [call({ id: 'call-0', visitorName: 'Пётр' })] });
    await settle();
    const popup = mount(RingingPopup, injector);
    await settle();
    expect(el(popup).querySelectorAll('[data-testid="calls-ringing"]')).toHaveLength(1);
    expect(notify).not.toHaveBeenCalled();

    socket.serve('call.ringing', call());
    socket.serve('call.ringing', call());
    await settle();
    const cards = [...el(popup).querySelectorAll<HTMLElement>('[data-testid="calls-ringing"]')];
    expect(cards.map((c) => c.dataset['callId'])).toEqual(['call-0', 'call-1']);
    expect(cards[1]!.textContent).toContain('Звонит Мария Петрова');
    expect(cards[1]!.querySelector('[data-testid="calls-ringing-accept"]')!.textContent).toContain('Принять');
    expect(cards[1]!.querySelector('[data-testid="calls-ringing-decline"]')!.textContent).toContain('Отклонить');
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith('calls', 'Входящий звонок', 'Мария Петрова звонит с сайта', expect.any(Function));

    // Another operator accepted it: the pop-up closes here; the first one ended: gone too.
    socket.serve('call.updated', call({ state: 'active', operatorId: 2, operatorName: 'Олег', answeredAt: new Date().toISOString() }));
    socket.serve('call.updated', call({ id: 'call-0', state: 'ended', endReason: 'missed' }));
    await settle();
    expect(store.ringing()).toEqual([]);
    expect(q(popup, 'calls-ringing')).toBeNull();

    // A reconnect asks again; a call ringing meanwhile comes back; declining sends call.decline.
    socket.serve('connect');
    socket.take('calls.mine').ack({ ok: true, data: [call({ id: 'call-2' })] });
    await settle();
    (q(popup, 'calls-ringing-decline') as HTMLButtonElement).click();
    await settle();
    expect(socket.take('call.decline').payload).toEqual({ callId: 'call-2' });
    expect(q(popup, 'calls-ringing')).toBeNull();
    injector.destroy();
    expect(socket.closed).toBe(true);
  });

  it('the call window: accepting connects to the visitor leg; microphone, camera, minimise and hang-up', async () => {
    const getUserMedia = fakeMedia();
    const { socket, injector, session } = await startBackground();
    const { popup, window, join } = await answerHere(socket, injector, session);
    expect(getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ audio: true, video: false }));
    // The pop-up of the call being answered here is gone; the window shows the call.
    expect(q(popup, 'calls-ringing')).toBeNull();
    expect(q(window, 'calls-window')!.dataset['phase']).toBe('active');
    expect(q(window, 'calls-window')!.textContent).toContain('Мария Петрова');
    expect(q(window, 'calls-timer')!.textContent).toMatch(/^1:0[4-7]$/);
    expect(q(window, 'calls-remote-avatar')!.textContent).toContain('МП');
    // This leg told what it sends; its audio goes on a real connection to the visitor's leg (offer sent to leg-a).
    expect(socket.take('call.media').payload).toEqual({ callId: 'call-1', legId: 'leg-b', media: { audio: true, video: false, screen: false } });
    await until(() => socket.sent.some((s) => s.event === 'call.signal'));
    expect(socket.sent.find((s) => s.event === 'call.signal')!.payload).toMatchObject({ callId: 'call-1', from: 'leg-b', to: 'leg-a' });

    const mic = q(window, 'calls-mic') as HTMLButtonElement;
    expect(mic.title).toBe('Выключить микрофон');
    mic.click();
    await settle();
    expect(mic.getAttribute('aria-pressed')).toBe('true');
    expect(mic.title).toBe('Включить микрофон');
    expect(socket.take('call.media').payload).toMatchObject({ media: { audio: false, video: false } });

    (q(window, 'calls-camera') as HTMLButtonElement).click();
    await until(() => !!q(window, 'calls-local-video'));
    expect(getUserMedia).toHaveBeenLastCalledWith({ video: expect.any(Object) });
    expect(socket.take('call.media').payload).toMatchObject({ media: { audio: false, video: true, screen: false } });
    expect((q(window, 'calls-local-video') as HTMLVideoElement).srcObject).toBeInstanceOf(MediaStream);

    // A list older than the join's own (told before this leg was in, arriving after its ack) is dropped:
    // lacking this leg, it would read as the call having moved to another device.
    socket.serve('call.legs', { callId: 'call-1', legs: [join.legs[0]!], seq: 2 });
    await settle();
    expect(session.phase()).toBe('active');
    // The visitor turned video on (call.legs): the avatar gives way to the picture.
    socket.serve('call.legs', { callId: 'call-1', legs: [{ ...join.legs[0]!, media: { audio: true, video: true, screen: false } }, join.legs[1]!], seq: 4 });
    await settle();
    expect(q(window, 'calls-remote-avatar')).toBeNull();

    (q(window, 'calls-minimise') as HTMLButtonElement).click();
    await settle();
    expect(q(window, 'calls-mic')).toBeNull();
    expect(q(window, 'calls-minimise')!.title).toBe('Развернуть');
    (q(window, 'calls-minimise') as HTMLButtonElement).click();
    await settle();

    (q(window, 'calls-hangup') as HTMLButtonElement).click();
    await settle();
    expect(socket.take('call.hangup').payload).toEqual({ callId: 'call-1' });
    expect(q(window, 'calls-ended')!.textContent).toContain('Звонок завершён');
    expect(session.media.stream.getTracks()).toEqual([]);
  });

  it('D4: an invitation rings with who invites and to which call; accepted, the window names everyone and invites further, or makes a guest link', async () => {
    fakeMedia();
    const notify = vi.spyOn(PanelNotifications.prototype, 'notify').mockReturnValue(true);
    const { socket, injector, session } = await startBackground();
    socket.serve('connect');
    socket.take('calls.mine').ack({ ok: true, data: [] });
    const popup = mount(RingingPopup, injector);
    const window = mount(CallWindow, injector);
    const active = call({ state: 'active', direction: 'operator-to-visitor', operatorId: 2, operatorName: 'Олег Смирнов', answeredAt: new Date().toISOString() });
    socket.serve('call.invited', { call: active, invitedBy: 'Олег Смирнов', expiresAt: new Date(Date.now() + 30_000).toISOString() });
    await settle();
    expect(q(popup, 'calls-invitation-text')!.textContent).toContain('Олег Смирнов приглашает вас в звонок с посетителем Мария Петрова');
    expect(notify).toHaveBeenCalledWith('calls', 'Приглашение в звонок', 'Олег Смирнов приглашает вас в звонок с посетителем Мария Петрова', expect.any(Function));
    (q(popup, 'calls-invitation-accept') as HTMLButtonElement).click();
    await until(() => socket.sent.some((s) => s.event === 'call.invite.accept'));
    expect(q(popup, 'calls-invitation')).toBeNull();
    const media = { audio: true, video: false, screen: false };
    const join: CallJoin = {
      call: { ...active, participants: ['Анна'] },
      legId: 'leg-c',
      legs: [
        { id: 'leg-a', side: 'visitor', userId: null, name: null, media },
        { id: 'leg-b', side: 'operator', userId: 2, name: 'Олег Смирнов', media },
        { id: 'leg-c', side: 'operator', userId: 1, name: 'Анна', media },
      ],
      legsSeq: 5,
      iceServers: [],
      iceTransportPolicy: 'all',
      jitsi: null,
    };
    socket.take('call.invite.accept').ack({ ok: true, data: join });
    await until(() => session.phase() === 'active');
    await settle();
    // A connection to each other leg: the visitor and the operator who answered.
    await until(() => new Set(socket.sent.filter((s) => s.event === 'call.signal').map((s) => (s.payload as { to: string }).to)).size === 2);
    expect([...el(window).querySelectorAll('[data-testid="calls-participant-name"]')].map((n) => n.textContent?.trim())).toEqual(['Олег Смирнов']);
    // A guest joins: named, marked a guest.
    socket.serve('call.legs', { callId: 'call-1', legs: [...join.legs, { id: 'leg-g', side: 'guest', userId: null, name: 'Иван <b>переводчик</b>', media }], seq: 6 });
    await settle();
    expect([...el(window).querySelectorAll('[data-testid="calls-participant-name"]')].map((n) => n.textContent?.trim())).toEqual(['Олег Смирнов', 'Иван <b>переводчик</b> · гость']);

    // «Пригласить»: the free operators, one invited; their decline is said.
    (q(window, 'calls-invite') as HTMLButtonElement).click();
    await until(() => socket.sent.some((s) => s.event === 'call.invitable'));
    const list = socket.take('call.invitable');
    expect(list.payload).toEqual({ callId: 'call-1' });
    list.ack({ ok: true, data: [{ id: 3, name: 'Вера Иванова' }] });
    await settle();
    expect(q(window, 'calls-invite-operator')!.textContent).toContain('Вера Иванова');
    (q(window, 'calls-invite-send') as HTMLButtonElement).click();
    await until(() => socket.sent.some((s) => s.event === 'call.invite'));
    const sent = socket.take('call.invite');
    expect(sent.payload).toEqual({ callId: 'call-1', userId: 3 });
    sent.ack({ ok: true, data: null });
    await settle();
    expect(q(window, 'calls-invite-sent')!.textContent).toContain('Приглашение отправлено');
    socket.serve('call.invite.ended', { callId: 'call-1', userId: 3, name: 'Вера Иванова', outcome: 'declined' });
    await settle();
    expect(q(window, 'calls-invite-outcome')!.textContent).toContain('Вера Иванова отклонил(а) приглашение');
    expect(q(window, 'calls-invite-send')).not.toBeNull();

    // «Ссылка для участника»: the single-use link, to copy.
    (q(window, 'calls-guest-make') as HTMLButtonElement).click();
    await until(() => socket.sent.some((s) => s.event === 'call.guest.link'));
    socket.take('call.guest.link').ack({ ok: true, data: { url: 'http://panel.test/call-guest/abc', expiresAt: new Date(Date.now() + 600_000).toISOString() } });
    await settle();
    expect((q(window, 'calls-guest-link') as HTMLInputElement).value).toBe('http://panel.test/call-guest/abc');

    // The invited operator hangs up: the server lets their leg go (the call goes on for the others).
    (q(window, 'calls-hangup') as HTMLButtonElement).click();
    await settle();
    expect(socket.take('call.hangup').payload).toEqual({ callId: 'call-1' });
    injector.destroy();
  });

  it("the window's chat: the dialog's messages, live ones of this dialog only, an answer sent; a refusal keeps the draft", async () => {
    fakeMedia();
    // A desktop's width (the test browser may be narrower: a phone's chat opens at once).
    vi.spyOn(globalThis, 'matchMedia').mockReturnValue({ matches: false } as MediaQueryList);
    const { socket, injector, session } = await startBackground();
    const { window } = await answerHere(socket, injector, session);
    const said = (id: string, kind: 'visitor' | 'operator', text: string) => ({ id, clientId: `c-${id}`, author: { kind, userId: kind === 'operator' ? 1 : null, name: kind === 'visitor' ? 'Мария Петрова' : 'Анна' }, text, files: 0, createdAt: new Date().toISOString() });
    await until(() => socket.sent.some((s) => s.event === 'call.messages'));
    const history = socket.take('call.messages');
    expect(history.payload).toEqual({ callId: 'call-1' });
    history.ack({ ok: true, data: [said('m1', 'visitor', 'Перезвоните мне')] });
    await settle();

    // Folded on a desktop: what comes meanwhile is counted; another dialog's message is not.
    const toggle = q(window, 'calls-chat-toggle') as HTMLButtonElement;
    expect(toggle.textContent).toContain('Чат с участниками звонка');
    expect(q(window, 'calls-chat-messages')).toBeNull();
    socket.serve('call.message', { dialogId: 'd-1', message: said('m2', 'visitor', 'Вы меня слышите?') });
    socket.serve('call.message', { dialogId: 'd-other', message: said('x1', 'visitor', 'Чужое сообщение') });
    await settle();
    expect(q(window, 'calls-chat-unread')!.textContent).toBe('1');
    toggle.click();
    await settle();
    const texts = () => [...el(window).querySelectorAll('[data-testid="calls-chat-message"]')].map((m) => m.textContent!.replace(/\s+/g, ' ').trim());
    expect(texts()).toEqual([expect.stringMatching(/^Мария Петрова · \d\d:\d\d\s*Перезвоните мне$/), expect.stringMatching(/Вы меня слышите\?$/)]);

    // The answer: sent over /calls, shown as the operator's own, the input emptied.
    const input = q(window, 'calls-chat-input') as HTMLInputElement;
    input.value = '  Слышу, говорите  ';
    input.dispatchEvent(new Event('input'));
    await settle();
    (q(window, 'calls-chat-send') as HTMLButtonElement).click();
    const sent = socket.take('call.message.send');
    expect(sent.payload).toEqual({ callId: 'call-1', clientId: expect.any(String), text: 'Слышу, говорите' });
    sent.ack({ ok: true, data: said('m3', 'operator', 'Слышу, говорите') });
    await settle();
    expect(texts()[2]).toMatch(/^Вы · \d\d:\d\d\s*Слышу, говорите$/);
    expect(input.value).toBe('');
    // Its own copy relayed back is not shown twice.
    socket.serve('call.message', { dialogId: 'd-1', message: said('m3', 'operator', 'Слышу, говорите') });
    await settle();
    expect(texts()).toHaveLength(3);

    // Refused (the call ended meanwhile): the words say why, the draft stays.
    input.value = 'Ещё одно';
    input.dispatchEvent(new Event('input'));
    await settle();
    (q(window, 'calls-chat-send') as HTMLButtonElement).click();
    socket.take('call.message.send').ack({ ok: false, error: { code: 'call_not_active', message: 'The call has not started or has already ended' } });
    await settle();
    expect(q(window, 'calls-chat-error')!.textContent).toContain('Разговор ещё не начался или уже завершён');
    expect(input.value).toBe('Ещё одно');
  });

  it('«Позвонить» in the toolbar opens the window to choose; calling from this device starts the call, joins when the visitor answers', async () => {
    fakeMedia();
    const { socket, injector, session } = await startBackground();
    const [action] = injector.get(DIALOG_TOOLBAR_ACTIONS, [], { self: true });
    expect(action).toMatchObject({ id: 'call', placement: 'primary', icon: 'call', label: { ru: 'Позвонить', en: 'Call' } });
    const window = mount(CallWindow, injector);
    action!.run({ dialogId: 'd-1', visitorId: 'v-1', siteId: 'site-1' });
    await settle();
    expect(q(window, 'calls-call-here')!.textContent).toContain('Позвонить с текущего устройства');
    (q(window, 'calls-call-here') as HTMLButtonElement).click();
    await until(() => socket.sent.some((s) => s.event === 'call.start'));
    const outgoing = call({ direction: 'operator-to-visitor', operatorId: 1 });
    const start = socket.take('call.start');
    expect(start.payload).toEqual({ dialogId: 'd-1', video: false });
    start.ack({ ok: true, data: outgoing });
    await settle();
    expect(q(window, 'calls-window')!.dataset['phase']).toBe('calling');
    expect(q(window, 'calls-window-state')!.textContent).toContain('Вызов… Ждём ответа посетителя');
    // Hung up while it rings: cancelled.
    (q(window, 'calls-hangup') as HTMLButtonElement).click();
    await settle();
    expect(socket.take('call.hangup').payload).toEqual({ callId: 'call-1' });
    expect(q(window, 'calls-ended')!.textContent).toContain('Звонок отменён');

    // Again, with video; the visitor answers: this device joins the call's media.
    action!.run({ dialogId: 'd-1', visitorId: 'v-1', siteId: 'site-1' });
    await settle();
    (q(window, 'calls-choose-video') as HTMLInputElement).click();
    (q(window, 'calls-call-here') as HTMLButtonElement).click();
    await until(() => socket.sent.some((s) => s.event === 'call.start'));
    const again = { ...outgoing, id: 'call-2', video: true };
    const second = socket.take('call.start');
    expect(second.payload).toEqual({ dialogId: 'd-1', video: true });
    second.ack({ ok: true, data: again });
    await settle();
    socket.serve('call.updated', { ...again, state: 'active', answeredAt: new Date().toISOString() });
    await settle();
    const join = socket.take('call.join');
    expect(join.payload).toEqual({ callId: 'call-2' });
    // The server refuses: worded by the panel, the window says the call is over here.
    join.ack({ ok: false, error: { code: 'timeout', message: 'late' } });
    await settle();
    expect(session.phase()).toBe('ended');
    expect(q(window, 'calls-error')!.textContent).toContain('Сервер не ответил');
  });

  it('the call line in the conversation: answered with its length and who ended it, missed, and a payload it cannot read', async () => {
    const { injector } = await startBackground();
    const line = (over: Partial<CallLine>): CallLine => ({
      callId: 'c1',
      direction: 'operator-to-visitor',
      outcome: 'answered',
      operatorName: 'Анна Смирнова',
      startedAt: '2026-12-04T10:00:00.000Z',
      durationSec: 185,
      endedBy: 'visitor',
      ...over,
    });
    const answered = mount(CallLineMessage, injector, { payload: line({}), text: 'Звонок' });
    await settle();
    expect(q(answered, 'calls-line')!.dataset['outcome']).toBe('answered');
    expect(el(answered).textContent).toContain('Исходящий звонок');
    expect(q(answered, 'calls-line-outcome')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Разговор 3:05, завершил посетитель');
    expect(el(answered).textContent).toContain('Оператор: Анна Смирнова');

    const missed = mount(CallLineMessage, injector, { payload: line({ direction: 'visitor-to-operator', outcome: 'missed', durationSec: null, endedBy: null, operatorName: null }), text: '' });
    await settle();
    expect(el(missed).textContent).toContain('Входящий звонок');
    expect(q(missed, 'calls-line-outcome')!.textContent!.trim()).toBe('Пропущенный звонок');

    const odd = mount(CallLineMessage, injector, { payload: { outcome: '<img src=x onerror=alert(1)>' }, text: 'Звонок <b>посетителю</b>' });
    await settle();
    expect(q(odd, 'calls-line')).toBeNull();
    expect(el(odd).textContent).toBe('Звонок <b>посетителю</b>');
    expect(el(odd).querySelector('b, img')).toBeNull();
  });

  it('D4: «Записать звонок» records this leg, the title bar shows the server’s notice; «Остановить запись» uploads the last chunk, then tells the server', async () => {
    fakeMedia();
    const { socket, injector, session } = await startBackground();
    const backend = TestBed.inject(HttpTestingController);
    const { window, join } = await answerHere(socket, injector, session);
    const record = q(window, 'calls-record') as HTMLButtonElement;
    expect(record.title).toBe('Записать звонок');
    expect(q(window, 'calls-recording')).toBeNull();

    record.click();
    await until(() => socket.sent.some((s) => s.event === 'call.recording.start'));
    const recordingId = '0b7c0a52-8f3e-4a4e-9d2f-6c1d2e3f4a5b';
    socket.take('call.recording.start').ack({ ok: true, data: { recordingId, maxBytes: 1024 * 1024 } });
    await until(() => session.recording.state() === 'on');
    expect(record.title).toBe('Остановить запись');
    // The notice is the server's word, told to every participant.
    socket.serve('call.updated', { ...join.call, recording: true });
    await settle();
    expect(q(window, 'calls-recording')!.textContent!.trim()).toBe('Идёт запись');

    // Chunks go up while it records (the first after CHUNK_MS); the HTTP backend is polled, it has no event to await.
    const chunks = async (seq: number) => {
      for (let i = 0; i < 200; i++) {
        const found = backend.match((r) => r.url === `/api/calls/recordings/${recordingId}/chunks/${seq}`);
        if (found.length) return found[0]!;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`chunk ${seq} was not uploaded`);
    };
    const first = await chunks(0);
    expect(first.request.method).toBe('POST');
    expect(first.request.headers.get('Content-Type')).toMatch(/^audio\/webm/);
    expect(first.request.body).toBeInstanceOf(Blob);
    first.flush({ size: 100 }, { status: 201, statusText: 'Created' });

    // Stopped: the recorder's last chunk goes up first; only then is the server told.
    record.click();
    const last = await chunks(1);
    expect(socket.sent.some((s) => s.event === 'call.recording.stop')).toBe(false);
    last.flush({ size: 200 }, { status: 201, statusText: 'Created' });
    await until(() => socket.sent.some((s) => s.event === 'call.recording.stop'));
    expect(socket.sent.find((s) => s.event === 'call.recording.stop')!.payload).toEqual({ callId: 'call-1', recordingId });
    socket.take('call.recording.stop').ack({ ok: true, data: null });
    await until(() => session.recording.state() === 'off');
    socket.serve('call.updated', { ...join.call, recording: false });
    await settle();
    expect(q(window, 'calls-recording')).toBeNull();
    expect(record.title).toBe('Записать звонок');
  });

  it('the recording line: plays the recording fetched with the sign-in; a payload it cannot read falls back to the text', async () => {
    const { injector } = await startBackground();
    const backend = TestBed.inject(HttpTestingController);
    const recordingId = '0b7c0a52-8f3e-4a4e-9d2f-6c1d2e3f4a5b';
    const payload = { recordingId, callId: 'c1', mime: 'audio/webm', startedAt: '2026-12-06T10:00:00.000Z', durationSec: 75, operatorName: 'Анна Смирнова' };
    const line = mount(RecordingLineMessage, injector, { payload, text: 'Запись звонка: 1 мин 15 с' });
    await settle();
    expect(q(line, 'calls-recording-line')!.textContent).toContain('Запись звонка · 1:15');
    expect(q(line, 'calls-recording-line')!.textContent).toContain('Записал(а): Анна Смирнова');
    expect(q(line, 'calls-recording-audio')).toBeNull();
    (q(line, 'calls-recording-play') as HTMLButtonElement).click();
    await settle();
    backend.expectOne(`/api/calls/recordings/${recordingId}`).flush(new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])], { type: 'audio/webm' }));
    await until(() => !!q(line, 'calls-recording-audio'));
    expect((q(line, 'calls-recording-audio') as HTMLAudioElement).src).toMatch(/^blob:/);

    const odd = mount(RecordingLineMessage, injector, { payload: { recordingId: '../../etc', callId: 'c1' }, text: 'Запись <b>звонка</b>' });
    await settle();
    expect(q(odd, 'calls-recording-line')).toBeNull();
    expect(el(odd).textContent).toBe('Запись <b>звонка</b>');
  });

  it('the manifest puts into the panel: the toolbar button, the pop-up and the window over every page, the renderer, the «Звонки» switch', async () => {
    const { injector } = await startBackground();
    expect(injector.get(FLOATING_WINDOWS, [], { self: true }).map((w) => [w.id, w.component])).toEqual([
      ['ringing', RingingPopup],
      ['call', CallWindow],
    ]);
    expect(injector.get(MESSAGE_RENDERERS, [], { self: true })).toEqual([
      { kind: 'calls.call', component: CallLineMessage },
      { kind: 'calls.recording', component: RecordingLineMessage },
    ]);
    expect(injector.get(NOTIFICATION_KINDS, [], { self: true })).toEqual([{ id: 'calls', label: { ru: 'Звонки', en: 'Calls' } }]);
  });
});
