/**
 * The widget's whole stylesheet, scoped by its shadow root. `:host { all: initial !important }`
 * cuts every inherited property the page could push in (in the cascade an !important rule of the
 * shadow context beats the page's, even the page's !important ones); the page's selectors do not
 * reach inside, and ours do not reach out. Sizes are px, never rem (the page owns the root font
 * size); custom properties are set on `.root`, not inherited from the page.
 *
 * This is the Standard style and what every style shares. The site's colours come as custom
 * properties (look.ts: --a shell, --la launcher, --in/--out messages, each with its text colour);
 * positions as --lx/--ly (launcher), --tbx/--tby (tab), --wx/--wy/--ww/--wh (window), --px/--py
 * (message preview), computed for the viewport. Branded and Side add their own sheets (lazy).
 */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;right:0!important;bottom:0!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;transform:none!important;z-index:2147483000!important;visibility:visible!important;opacity:1!important}
.root{--a:#2563eb;--a2:#1d4ed8;--on-a:#fff;--la:#2563eb;--la2:#1d4ed8;--on-la:#fff;--in:#fff;--on-in:#1f2937;--out:#2563eb;--on-out:#fff;--ls:1;--bg:#fff;--sf:#f4f6fa;--tx:#172033;--mu:#667085;--bd:#e3e7ef;--er:#d92d20;--ok:#16a34a;
font:400 14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:var(--tx);letter-spacing:normal;text-align:left;direction:ltr;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
svg{display:block;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
button,input,textarea{font:inherit;color:inherit;margin:0}
button{cursor:pointer;background:none;border:0;padding:0}
:focus{outline:none}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}

.launcher{position:fixed;left:var(--lx);top:var(--ly);width:60px;height:60px;border-radius:50%;background:var(--la);color:var(--on-la);display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(16,24,40,.22),0 2px 6px rgba(16,24,40,.12);transition:transform .18s ease,background .18s ease}
.launcher:hover{background:var(--la2);transform:scale(1.05)}
.lbl{white-space:nowrap}
.launcher:focus-visible{outline-offset:3px}
.launcher svg{width:28px;height:28px}
.launcher .ic-chat path{fill:currentColor;stroke:none}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:var(--er);color:#fff;font-size:12px;font-weight:600;line-height:20px;text-align:center;border:2px solid #fff}

.tab{position:fixed;left:var(--tbx);top:var(--tby);height:48px;padding:0 20px 0 16px;border-radius:24px;background:var(--la);color:var(--on-la);white-space:nowrap;display:flex;align-items:center;gap:10px;font-size:15px;font-weight:600;box-shadow:0 6px 20px rgba(16,24,40,.22);transition:background .18s ease}
.tab:hover{background:var(--la2)}

.preview{position:fixed;left:var(--px);top:var(--py);width:300px;max-width:calc(100vw - 40px);padding:12px 36px 12px 14px;border-radius:14px;background:var(--bg);box-shadow:0 10px 30px rgba(16,24,40,.18);display:flex;gap:10px;align-items:flex-start;cursor:pointer;text-align:left;animation:pop .2s ease}
.preview .who{font-weight:600;font-size:13px}
.preview .txt{color:var(--mu);display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;word-break:break-word}
.preview .x{position:absolute;top:8px;right:8px;width:22px;height:22px;border-radius:50%;color:var(--mu);display:flex;align-items:center;justify-content:center}
.preview .x:hover{background:var(--sf)}

.win{position:fixed;left:var(--wx);top:var(--wy);width:var(--ww);height:var(--wh);border-radius:16px;background:var(--bg);box-shadow:0 16px 48px rgba(16,24,40,.24),0 4px 12px rgba(16,24,40,.1);display:flex;flex-direction:column;overflow:hidden;animation:pop .2s ease;transform-origin:var(--wo,right bottom)}
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
.hb:focus-visible{outline-color:currentColor}
.logo{flex:none;display:block;box-sizing:content-box;height:calc(30px*var(--ls));max-width:calc(150px*var(--ls));object-fit:contain;padding:5px 10px;border-radius:10px;background:#fff;box-shadow:0 1px 3px rgba(16,24,40,.2)}
.has-logo{display:grid;grid-template-columns:auto 1fr auto;grid-template-areas:"logo logo close" "faces title title";row-gap:12px}
.has-logo .logo{grid-area:logo;justify-self:start}
.has-logo .avs{grid-area:faces}
.has-logo .ht{grid-area:title}
.has-logo .logo+.ht{grid-column:1/3}
.has-logo .hbs{grid-area:close;align-self:start}
.hbs{display:flex;flex:none;gap:2px}
.acts{display:contents}

.body{flex:1;min-height:0;display:flex;flex-direction:column;background:var(--sf)}
.wait{background:var(--bg)}
.list{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px 8px;display:flex;flex-direction:column;gap:2px}
.note{align-self:center;max-width:88%;margin:10px 0;padding:6px 12px;border-radius:12px;background:#e9edf5;color:var(--mu);font-size:12.5px;text-align:center;white-space:pre-wrap;word-break:break-word}
.note.warn{background:#fff4e5;color:#8a4b00}
.note.hi{margin:6px 0 14px;padding:10px 16px;border-radius:14px;background:var(--bg);color:var(--tx);font-size:13px;box-shadow:inset 0 0 0 1px var(--bd),0 1px 2px rgba(16,24,40,.05)}
.row{display:flex;gap:8px;align-items:flex-end;max-width:100%}
.row.v{justify-content:flex-end}
.row.gap{margin-top:10px}
.row .sp{width:28px;flex:none}
.col{display:flex;flex-direction:column;min-width:0;max-width:78%}
.row.v .col{align-items:flex-end}
.nm{font-size:12px;color:var(--mu);margin:0 0 3px 12px}
.bub{padding:9px 13px;border-radius:18px;white-space:pre-wrap;word-break:break-word;overflow-wrap:anywhere}
.row.o .bub{background:var(--in);color:var(--on-in);border-bottom-left-radius:6px;box-shadow:0 1px 2px rgba(16,24,40,.08)}
.row.v .bub{background:var(--out);color:var(--on-out);border-bottom-right-radius:6px}
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
.win.drop::after{content:attr(data-drop);position:absolute;inset:0;margin:8px;display:flex;align-items:center;justify-content:center;padding:24px;text-align:center;border:2px dashed var(--a);border-radius:12px;background:rgba(255,255,255,.94);color:var(--a);font-size:15px;font-weight:600;pointer-events:none}

.typing{display:flex;align-items:center;gap:8px;margin:8px 0 4px;color:var(--mu);font-size:12.5px}
.dots{display:flex;gap:4px;padding:10px 12px;border-radius:16px;background:var(--bg);box-shadow:0 1px 2px rgba(16,24,40,.08)}
.dots i{width:6px;height:6px;border-radius:50%;background:#98a2b3;animation:blink 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes blink{0%,80%,100%{opacity:.3;transform:translateY(0)}40%{opacity:1;transform:translateY(-3px)}}

.comp{flex:none;display:flex;align-items:flex-end;gap:6px;padding:10px 10px 10px 16px;border-top:1px solid var(--bd);background:var(--bg)}
.comp textarea{flex:1;min-width:0;border:0;background:none;resize:none;padding:8px 0;max-height:120px;min-height:38px;height:38px;line-height:1.45;color:var(--tx);outline:none}
.comp textarea::placeholder{color:#98a2b3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ib{width:38px;height:38px;border-radius:50%;display:flex;align-items:center;justify-content:center;color:var(--mu);flex:none}
.ib:hover{background:var(--sf);color:var(--tx)}
.ib.send{background:var(--a);color:var(--on-a)}
.ib.send:hover{background:var(--a2)}
.ib.send:disabled{background:#e4e7ec;color:#98a2b3;cursor:default}

.link{color:var(--a);font-weight:500;padding:6px 8px;border-radius:8px}
.link:hover{text-decoration:underline}

@media (max-width:480px){
.win{left:0;top:0;width:100%;height:100%;border-radius:0;animation:none}
.open .launcher{display:none}
.comp textarea{font-size:16px}
.head{padding-top:max(16px,env(safe-area-inset-top))}
.comp{padding-bottom:max(10px,env(safe-area-inset-bottom))}
}
`;
