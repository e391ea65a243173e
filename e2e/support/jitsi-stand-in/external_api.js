/*
 * A stand-in for Jitsi Meet's IFrame API (modules/API/external/external_api.js of jitsi/jitsi-meet)
 * for the calls tests: the same constructor, commands, methods and events, spoken to a frame of
 * this stand-in's own room page by postMessage, as the real one speaks to Jitsi's page. What the
 * real API names "commands" travel as their jitsi-meet names (toggleAudio → toggle-audio …), and
 * the room page's events come back under theirs and are emitted under the API's names.
 */
(function () {
  'use strict';
  var commands = {
    displayName: 'display-name',
    hangup: 'video-hangup',
    toggleAudio: 'toggle-audio',
    toggleVideo: 'toggle-video',
    toggleShareScreen: 'toggle-share-screen',
  };
  var events = {
    'video-conference-joined': 'videoConferenceJoined',
    'video-conference-left': 'videoConferenceLeft',
    'participant-joined': 'participantJoined',
    'participant-left': 'participantLeft',
    'audio-mute-status-changed': 'audioMuteStatusChanged',
    'video-mute-status-changed': 'videoMuteStatusChanged',
    'screen-sharing-status-changed': 'screenSharingStatusChanged',
    'video-ready-to-close': 'readyToClose',
  };
  var id = 0;

  function size(value) {
    if (typeof value === 'number') return value + 'px';
    if (typeof value === 'string' && /([0-9]*\.?[0-9]+)(em|pt|px|%)$/.test(value)) return value;
    return undefined;
  }

  /** The frame's address: `http(s)://<domain>/<room>#jitsi_meet_external_api_id=…&config.…=…&userInfo.…=…`, as generateURL makes it. */
  function frameUrl(domain, options, apiId) {
    var hash = ['jitsi_meet_external_api_id=' + apiId];
    var add = function (prefix, object) {
      Object.keys(object || {}).forEach(function (key) {
        hash.push(prefix + '.' + key + '=' + encodeURIComponent(JSON.stringify(object[key])));
      });
    };
    add('config', options.configOverwrite);
    add('interfaceConfig', options.interfaceConfigOverwrite);
    add('userInfo', options.userInfo);
    if (options.lang) hash.push('lang=' + encodeURIComponent(JSON.stringify(options.lang)));
    return (options.noSSL ? 'http' : 'https') + '://' + domain + '/' + encodeURIComponent(options.roomName || '') + '#' + hash.join('&');
  }

  function JitsiMeetExternalAPI(domain, options) {
    options = options || {};
    this._id = id++;
    this._listeners = {};
    this._requests = {};
    this._requestId = 0;
    this._parentNode = options.parentNode || document.body;
    this._frame = document.createElement('iframe');
    this._frame.allow = 'camera; microphone; display-capture; autoplay';
    this._frame.src = frameUrl(domain, options, this._id);
    this._frame.name = 'jitsiConferenceFrame' + this._id;
    this._frame.id = this._frame.name;
    this._frame.setAttribute('allowFullScreen', 'true');
    this._frame.style.border = '0';
    var h = size(options.height === undefined ? '100%' : options.height);
    var w = size(options.width === undefined ? '100%' : options.width);
    if (h) this._frame.style.height = h;
    if (w) this._frame.style.width = w;
    this._frame = this._parentNode.appendChild(this._frame);
    this._scope = 'jitsi_meet_external_api_' + this._id;
    this._origin = (options.noSSL ? 'http' : 'https') + '://' + domain;
    this._participants = {};
    this._onMessage = (e) => {
      if (e.source !== this._frame.contentWindow || e.origin !== this._origin) return;
      var m = e.data || {};
      if (m.scope !== this._scope) return;
      if (m.type === 'response') {
        var pending = this._requests[m.id];
        delete this._requests[m.id];
        if (pending) pending(m.result);
        return;
      }
      if (m.type !== 'event') return;
      var data = m.data || {};
      if (m.name === 'video-conference-joined') this._myUserID = data.id;
      if (m.name === 'participant-joined' || m.name === 'video-conference-joined') this._participants[data.id] = { displayName: data.displayName };
      if (m.name === 'participant-left') delete this._participants[data.id];
      var name = events[m.name];
      if (name) this._emit(name, data);
    };
    window.addEventListener('message', this._onMessage);
  }

  JitsiMeetExternalAPI.prototype._post = function (message) {
    if (!this._frame || !this._frame.contentWindow) return;
    message.scope = this._scope;
    this._frame.contentWindow.postMessage(message, this._origin);
  };
  JitsiMeetExternalAPI.prototype._request = function (name, data) {
    var requestId = ++this._requestId;
    return new Promise((resolve) => {
      this._requests[requestId] = resolve;
      this._post({ type: 'request', id: requestId, name: name, data: data });
    });
  };
  JitsiMeetExternalAPI.prototype._emit = function (name, data) {
    (this._listeners[name] || []).slice().forEach(function (l) {
      l(data);
    });
  };
  JitsiMeetExternalAPI.prototype.on = JitsiMeetExternalAPI.prototype.addListener = function (name, listener) {
    (this._listeners[name] = this._listeners[name] || []).push(listener);
    return this;
  };
  JitsiMeetExternalAPI.prototype.off = JitsiMeetExternalAPI.prototype.removeListener = function (name, listener) {
    this._listeners[name] = (this._listeners[name] || []).filter(function (l) {
      return l !== listener;
    });
    return this;
  };
  JitsiMeetExternalAPI.prototype.addEventListener = JitsiMeetExternalAPI.prototype.on;
  JitsiMeetExternalAPI.prototype.removeEventListener = JitsiMeetExternalAPI.prototype.off;
  JitsiMeetExternalAPI.prototype.addEventListeners = function (listeners) {
    for (var name in listeners) this.on(name, listeners[name]);
  };
  JitsiMeetExternalAPI.prototype.executeCommand = function (name) {
    if (!(name in commands)) return console.error('Not supported command name.');
    this._post({ type: 'command', name: commands[name], args: Array.prototype.slice.call(arguments, 1) });
  };
  JitsiMeetExternalAPI.prototype.executeCommands = function (map) {
    for (var name in map) this.executeCommand.apply(this, [name].concat(map[name]));
  };
  JitsiMeetExternalAPI.prototype.setAudioInputDevice = function (label, deviceId) {
    return this._request('set-device', { kind: 'audioinput', label: label, id: deviceId });
  };
  JitsiMeetExternalAPI.prototype.setVideoInputDevice = function (label, deviceId) {
    return this._request('set-device', { kind: 'videoinput', label: label, id: deviceId });
  };
  JitsiMeetExternalAPI.prototype.setAudioOutputDevice = function (label, deviceId) {
    return this._request('set-device', { kind: 'audiooutput', label: label, id: deviceId });
  };
  JitsiMeetExternalAPI.prototype.getAvailableDevices = function () {
    return this._request('get-available-devices');
  };
  JitsiMeetExternalAPI.prototype.setParticipantVolume = function (participantId, volume) {
    this._post({ type: 'command', name: 'set-participant-volume', args: [participantId, volume] });
  };
  JitsiMeetExternalAPI.prototype.getNumberOfParticipants = function () {
    return Object.keys(this._participants).length;
  };
  JitsiMeetExternalAPI.prototype.getIFrame = function () {
    return this._frame;
  };
  JitsiMeetExternalAPI.prototype.dispose = function () {
    window.removeEventListener('message', this._onMessage);
    if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
    this._listeners = {};
  };

  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
