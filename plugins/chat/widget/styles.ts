/**
 * The widget's whole stylesheet, scoped by its shadow root. `:host { all: initial !important }`
 * cuts every inherited property the page could push in (in the cascade an !important rule of the
 * shadow context beats the page's, even the page's !important ones); the page's selectors do not
 * reach inside, and ours do not reach out. Sizes are px, never rem (the page owns the root font
 * size); custom properties are set on `.root`, not inherited from the page.
 */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;right:0!important;bottom:0!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;z-index:2147483000!important;visibility:visible!important;opacity:1!important}
.root{--a:#2563eb;--a2:#1d4ed8;--on-a:#fff;--bg:#fff;--sf:#f4f6fa;--tx:#172033;--mu:#667085;--bd:#e3e7ef;--er:#d92d20;--ok:#16a34a;
font:400 14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:var(--tx);letter-spacing:normal;text-align:left;direction:ltr;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
svg{display:block;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
button,input,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer;background:none;border:0;padding:0}
:focus{outline:none}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}

.launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;background:var(--a);color:var(--on-a);display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(16,24,40,.22),0 2px 6px rgba(16,24,40,.12);transition:transform .18s ease,background .18s ease}
.launcher:hover{background:var(--a2);transform:scale(1.05)}
.launcher:focus-visible{outline-offset:3px}
.launcher svg{width:28px;height:28px}
.launcher .ic-chat path{fill:currentColor;stroke:none}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:var(--er);color:#fff;font-size:12px;font-weight:600;line-height:20px;text-align:center;border:2px solid #fff}

.tab{position:fixed;right:20px;bottom:20px;height:48px;padding:0 20px 0 16px;border-radius:24px;background:var(--a);color:var(--on-a);display:flex;align-items:center;gap:10px;font-size:15px;font-weight:600;box-shadow:0 6px 20px rgba(16,24,40,.22);transition:background .18s ease}
.tab:hover{background:var(--a2)}

.preview{position:fixed;right:20px;bottom:92px;width:300px;max-width:calc(100vw - 40px);padding:12px 36px 12px 14px;border-radius:14px;background:var(--bg);box-shadow:0 10px 30px rgba(16,24,40,.18);display:flex;gap:10px;align-items:flex-start;cursor:pointer;text-align:left;animation:pop .2s ease}
.preview .who{font-weight:600;font-size:13px}
.preview .txt{color:var(--mu);display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;word-break:break-word}
.preview .x{position:absolute;top:8px;right:8px;width:22px;height:22px;border-radius:50%;color:var(--mu);display:flex;align-items:center;justify-content:center}
.preview .x:hover{background:var(--sf)}

.win{position:fixed;right:20px;bottom:92px;width:360px;height:520px;max-height:calc(100vh - 112px);border-radius:16px;background:var(--bg);box-shadow:0 16px 48px rgba(16,24,40,.24),0 4px 12px rgba(16,24,40,.1);display:flex;flex-direction:column;overflow:hidden;animation:pop .2s ease;transform-origin:bottom right}
@keyframes pop{from{opacity:0;transform:translateY(12px) scale(.97)}to{opacity:1;transform:none}}
@media (prefers-reduced-motion:reduce){.win,.preview{animation:none}.launcher{transition:none}}

.head{flex:none;display:flex;align-items:center;gap:12px;padding:16px 12px 16px 18px;background:linear-gradient(135deg,var(--a),var(--a2));color:var(--on-a)}
.avs{display:flex;flex:none}
.av{flex:none;width:40px;height:40px;border-radius:50%;border:2px solid rgba(255,255,255,.9);background:#dbe5ff;color:var(--a2);display:flex;align-items:center;justify-content:center;font-weight:700;font-size:15px;overflow:hidden;object-fit:cover}
.avs .av+.av{margin-left:-8px}
.av.s{width:28px;height:28px;font-size:12px;border:0}
.av.i{background:hsl(var(--hue) 70% 90%);color:hsl(var(--hue) 45% 32%)}
.ht{flex:1;min-width:0}
.ttl{font-size:16px;font-weight:600;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.st{font-size:12.5px;opacity:.9;display:flex;align-items:center;gap:6px;line-height:1.4}
.dot{width:8px;height:8px;border-radius:50%;background:#4ade80;box-shadow:0 0 0 2px rgba(255,255,255,.35);flex:none}
.dot.off{background:#cbd5e1}
.hb{width:36px;height:36px;border-radius:10px;display:flex;align-items:center;justify-content:center;color:var(--on-a);flex:none}
.hb:hover{background:rgba(255,255,255,.16)}
.hb:focus-visible{outline-color:#fff}

.body{flex:1;min-height:0;display:flex;flex-direction:column;background:var(--sf)}
.list{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px 8px;display:flex;flex-direction:column;gap:2px}
.note{align-self:center;max-width:88%;margin:10px 0;padding:6px 12px;border-radius:12px;background:#e9edf5;color:var(--mu);font-size:12.5px;text-align:center;white-space:pre-wrap;word-break:break-word}
.note.warn{background:#fff4e5;color:#8a4b00}
.row{display:flex;gap:8px;align-items:flex-end;max-width:100%}
.row.v{justify-content:flex-end}
.row.gap{margin-top:10px}
.row .sp{width:28px;flex:none}
.col{display:flex;flex-direction:column;min-width:0;max-width:78%}
.row.v .col{align-items:flex-end}
.nm{font-size:12px;color:var(--mu);margin:0 0 3px 12px}
.bub{padding:9px 13px;border-radius:18px;white-space:pre-wrap;word-break:break-word;overflow-wrap:anywhere}
.row.o .bub{background:var(--bg);color:var(--tx);border-bottom-left-radius:6px;box-shadow:0 1px 2px rgba(16,24,40,.08)}
.row.v .bub{background:var(--a);color:var(--on-a);border-bottom-right-radius:6px}
.row.v.pending :is(.bub,.thumb,.chip){opacity:.75}
.row.v.failed .bub{background:#fde8e7;color:var(--tx);box-shadow:inset 0 0 0 1px #f5b5b0}
.bub a{color:inherit;text-decoration:underline;text-underline-offset:2px}
.meta{display:flex;align-items:center;gap:4px;font-size:11.5px;color:var(--mu);margin:3px 6px 0}
.meta svg{width:14px;height:14px}
.meta .ok{color:var(--a)}
.retry{display:flex;align-items:center;gap:4px;color:var(--er);font-size:12px;font-weight:500;border-radius:6px;padding:1px 2px}
.retry svg{width:15px;height:15px}
.retry:hover{text-decoration:underline}
.bub+.thumb,.bub+.chip,.thumb+*,.chip+*{margin-top:4px}
.thumb{display:block;width:220px;max-width:100%;border-radius:14px;overflow:hidden;background:#e4e7ec;box-shadow:0 1px 2px rgba(16,24,40,.08)}
.thumb img{display:block;width:100%;height:160px;object-fit:cover}
.chip{display:flex;align-items:center;gap:10px;width:240px;max-width:100%;padding:10px 12px;border-radius:14px;background:var(--bg);color:var(--tx);text-decoration:none;box-shadow:0 1px 2px rgba(16,24,40,.08)}
.chip svg{color:var(--mu)}
.chip>svg:first-child{color:var(--a)}
a.chip:hover{box-shadow:inset 0 0 0 1px var(--bd),0 1px 2px rgba(16,24,40,.08)}
.fn{flex:1;min-width:0;display:flex;flex-direction:column;line-height:1.3}
.fn span{font-weight:500;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.fn small{color:var(--mu);font-size:12px}
.pv{width:40px;height:40px;border-radius:8px;object-fit:cover;flex:none}
.bar{position:relative;flex:none;width:36px;height:4px;border-radius:2px;background:#e4e7ec;overflow:hidden}
.bar::after{content:"";position:absolute;inset:0;width:40%;border-radius:2px;background:var(--a);animation:slide 1.1s infinite linear}
@keyframes slide{from{transform:translateX(-100%)}to{transform:translateX(250%)}}
.up.failed .chip{background:#fde8e7;box-shadow:inset 0 0 0 1px #f5b5b0}
.up.failed .chip>svg:last-child,.why{color:var(--er)}
.up .meta{flex-wrap:wrap;justify-content:flex-end;max-width:240px}
.up .link{padding:0 4px;font-size:12px}
.win.drop::after{content:attr(data-drop);position:absolute;inset:0;margin:8px;display:flex;align-items:center;justify-content:center;padding:24px;text-align:center;border:2px dashed var(--a);border-radius:12px;background:rgba(255,255,255,.94);color:var(--a);font-size:15px;font-weight:600;pointer-events:none}

.typing{display:flex;align-items:center;gap:8px;margin:8px 0 4px;color:var(--mu);font-size:12.5px}
.dots{display:flex;gap:4px;padding:10px 12px;border-radius:16px;background:var(--bg);box-shadow:0 1px 2px rgba(16,24,40,.08)}
.dots i{width:6px;height:6px;border-radius:50%;background:#98a2b3;animation:blink 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes blink{0%,80%,100%{opacity:.3;transform:translateY(0)}40%{opacity:1;transform:translateY(-3px)}}

.rate{align-self:center;width:100%;margin:10px 0;padding:14px;border-radius:14px;background:var(--bg);box-shadow:0 1px 3px rgba(16,24,40,.1);text-align:center}
.rate p{margin:0 0 8px;font-weight:500}
.stars{display:inline-flex;gap:2px}
.stars button{width:36px;height:36px;border-radius:8px;color:#cbd2de;display:flex;align-items:center;justify-content:center}
.stars button svg{width:28px;height:28px}
.stars button.on{color:#f5a524}
.stars button.on svg path{fill:currentColor}
.stars button:hover{background:var(--sf)}
.rate .err{color:var(--er);font-size:12.5px;margin:6px 0 0}

.comp{flex:none;display:flex;align-items:flex-end;gap:6px;padding:10px 10px 10px 16px;border-top:1px solid var(--bd);background:var(--bg)}
.comp textarea{flex:1;min-width:0;border:0;background:none;resize:none;padding:8px 0;max-height:120px;min-height:38px;height:38px;line-height:1.45;color:var(--tx);outline:none}
.comp textarea::placeholder{color:#98a2b3}
.ib{width:38px;height:38px;border-radius:50%;display:flex;align-items:center;justify-content:center;color:var(--mu);flex:none}
.ib:hover{background:var(--sf);color:var(--tx)}
.ib.send{background:var(--a);color:var(--on-a)}
.ib.send:hover{background:var(--a2)}
.ib.send:disabled{background:#e4e7ec;color:#98a2b3;cursor:default}
.emo{flex:none;border-top:1px solid var(--bd);background:var(--bg);max-height:180px;overflow-y:auto;padding:8px;display:grid;grid-template-columns:repeat(8,1fr);gap:2px}
.emo button{height:36px;border-radius:8px;font-size:22px;line-height:36px;font-family:"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji",sans-serif}
.emo button:hover{background:var(--sf)}

.form{flex:1;min-height:0;overflow-y:auto;padding:14px 18px 16px;background:var(--bg);display:flex;flex-direction:column;gap:10px}
.form .intro{margin:0;color:var(--mu);font-size:13px}
.fld{display:flex;flex-direction:column;gap:4px}
.fld label{font-size:13px;font-weight:500}
.fld label small{font-weight:400;color:var(--mu);font-size:12px}
.fld input,.fld textarea{width:100%;border:1px solid #d0d5dd;border-radius:10px;padding:8px 12px;background:var(--bg);color:var(--tx);font-size:14px;line-height:1.4;transition:border-color .15s,box-shadow .15s}
.fld textarea{resize:vertical;min-height:72px;max-height:240px}
.fld input:focus,.fld textarea:focus{border-color:var(--a);box-shadow:0 0 0 3px rgba(37,99,235,.18);outline:none}
.fld [aria-invalid=true]{border-color:var(--er)}
.fld [aria-invalid=true]:focus{box-shadow:0 0 0 3px rgba(217,45,32,.15)}
.fe{color:var(--er);font-size:12.5px}
.primary{height:44px;border-radius:10px;background:var(--a);color:var(--on-a);font-weight:600;font-size:15px;flex:none}
.primary:hover{background:var(--a2)}
.primary:disabled{opacity:.65;cursor:default}
.ferr{margin:0;padding:8px 12px;border-radius:10px;background:#fde8e7;color:#912018;font-size:13px}
.thanks{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;gap:10px;padding:24px;background:var(--bg)}
.thanks .ok{width:56px;height:56px;border-radius:50%;background:#dcfce7;color:var(--ok);display:flex;align-items:center;justify-content:center}
.thanks .ok svg{width:30px;height:30px}
.thanks h2{margin:0;font-size:18px;font-weight:600}
.thanks p{margin:0;color:var(--mu)}
.link{color:var(--a);font-weight:500;padding:6px 8px;border-radius:8px}
.link:hover{text-decoration:underline}

@media (max-width:480px){
.win{inset:0;width:100%;height:100%;max-height:none;border-radius:0;animation:none}
.open .launcher{display:none}
.launcher{right:16px;bottom:16px}
.tab{right:16px;bottom:16px}
.preview{right:16px;bottom:88px}
.comp textarea,.fld input,.fld textarea{font-size:16px}
.head{padding-top:max(16px,env(safe-area-inset-top))}
.comp,.form{padding-bottom:max(10px,env(safe-area-inset-bottom))}
}
`;
