/**
 * The call card's stylesheet, in its own shadow root, after the chat widget's look: the same font
 * stack, radii, shadows and neutral colours; the site's shell colour (B6) as `--a` on the header.
 * `:host { all: initial }` keeps the page's styles out, as the chat does. Sizes in px (the page
 * owns the root font size). On a desktop the card floats above the launcher, on its side of the
 * screen (`left`, `top` follow the site's launcher position), and beside the chat's window while
 * that is open (`beside`), so the visitor can write during the call; on a phone it spans the
 * screen's width at the top — below the chat's header while the chat fills the screen, its
 * composer left free below.
 */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483001!important;visibility:visible!important;opacity:1!important}
.cc{--a:#2563eb;--on-a:#fff;--sf:#f4f6fa;--tx:#172033;--mu:#667085;--bd:#e3e7ef;--er:#d92d20;--ok:#16a34a;
position:fixed;bottom:96px;right:20px;width:340px;max-width:calc(100vw - 40px);max-height:calc(100vh - 116px);overflow:auto;border-radius:16px;background:#fff;color:var(--tx);box-shadow:0 16px 48px rgba(16,24,40,.24),0 4px 12px rgba(16,24,40,.1);
font:400 14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;letter-spacing:normal;text-align:left;-webkit-font-smoothing:antialiased;animation:pop .2s ease}
.cc.left{right:auto;left:20px}
.cc.top{bottom:auto;top:96px}
@media (min-width:820px){.cc.beside{right:416px}.cc.left.beside{right:auto;left:416px}}
@keyframes pop{from{opacity:0;transform:translateY(-8px)}to{opacity:1;transform:none}}
@media (prefers-reduced-motion:reduce){.cc{animation:none}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
svg{display:block;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
button,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer;background:none;border:0;padding:0}
button:disabled{cursor:default;opacity:.6}
:focus{outline:none}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
.head{display:flex;align-items:center;gap:12px;padding:14px 16px;background:var(--a);background:linear-gradient(135deg,var(--a),color-mix(in srgb,var(--a) 82%,#000));color:var(--on-a)}
.av{flex:none;width:40px;height:40px;border-radius:50%;border:2px solid rgba(255,255,255,.9);background:#dbe5ff;color:#1d4ed8;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:15px}
.ringing .av{animation:ring 1.4s infinite}
@keyframes ring{0%{box-shadow:0 0 0 0 rgba(255,255,255,.6)}80%,100%{box-shadow:0 0 0 12px rgba(255,255,255,0)}}
.ht{flex:1;min-width:0}
.nm{font-size:16px;font-weight:600;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.st{font-size:12.5px;opacity:.9;font-variant-numeric:tabular-nums}
.rec{display:flex;align-items:center;gap:6px;margin:10px 12px 0;padding:6px 10px;border-radius:10px;background:#fde8e7;color:#b42318;font-size:12.5px;font-weight:500}
.rec svg{width:12px;height:12px;fill:currentColor;stroke:none;animation:blink 1.6s infinite}
@keyframes blink{50%{opacity:.3}}
.stage{position:relative;margin:12px 12px 0;border-radius:12px;overflow:hidden;background:#0b1220;aspect-ratio:4/3}
.rm{display:none}
.rm.main{display:block;width:100%;height:100%;object-fit:cover}
.stage.screen .rm.main{object-fit:contain}
.stage.jitsi{aspect-ratio:auto;height:min(52vh,360px)}
.stage.jitsi>:not(iframe){display:none}
.stage iframe{position:absolute;inset:0;display:block}
.off{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:10px;color:#cbd5e1;font-size:12.5px;text-align:center;padding:12px}
.off .av{width:64px;height:64px;font-size:22px;border:0}
.tag{position:absolute;left:8px;top:8px;padding:2px 8px;border-radius:8px;background:rgba(11,18,32,.7);color:#fff;font-size:12px}
.self{position:absolute;right:8px;bottom:8px;width:30%;aspect-ratio:4/3;border-radius:8px;object-fit:cover;transform:scaleX(-1);background:#1f2937;box-shadow:0 2px 8px rgba(0,0,0,.4)}
.self.scr{transform:none;object-fit:contain}
.ask{margin:12px 12px 0;padding:12px;border-radius:12px;background:var(--sf);box-shadow:inset 0 0 0 1px var(--bd)}
.ask b{display:block;font-weight:600;margin-bottom:4px}
.ask p{margin:0 0 10px;color:var(--mu);font-size:13px}
.row{display:flex;gap:8px;flex-wrap:wrap}
.row .pill{flex:1 1 auto;justify-content:center;padding:0 12px}
.note{margin:12px 12px 0;padding:8px 12px;border-radius:10px;background:#fff4e5;color:#8a4b00;font-size:13px}
.note.info{background:var(--sf);color:var(--mu)}
.btns{display:flex;align-items:center;justify-content:center;gap:10px;flex-wrap:wrap;padding:14px 12px}
.rb{width:44px;height:44px;border-radius:50%;display:flex;align-items:center;justify-content:center;background:var(--sf);color:var(--tx);box-shadow:inset 0 0 0 1px var(--bd)}
.rb:hover{background:#e9edf5}
.rb[aria-pressed=true]{background:#fde8e7;color:var(--er);box-shadow:none}
.rb.on{background:var(--a);color:var(--on-a);box-shadow:none}
.pill{height:40px;padding:0 16px;border-radius:20px;display:flex;align-items:center;gap:8px;font-weight:600;background:var(--sf);color:var(--tx);box-shadow:inset 0 0 0 1px var(--bd)}
.pill svg{width:18px;height:18px}
.go{background:var(--ok);color:#fff;box-shadow:none}
.go:hover{background:#15803d}
.stop{background:var(--er);color:#fff;box-shadow:none}
.stop:hover{background:#b42318}
.pri{background:var(--a);color:var(--on-a);box-shadow:none}
.rb.stop{width:52px}
.vol{display:flex;align-items:center;gap:6px;color:var(--mu)}
.vol input{width:84px;accent-color:var(--a)}
@media (max-width:480px){
.cc,.cc.left,.cc.top{top:8px;bottom:auto;left:8px;right:8px;width:auto;max-width:none;max-height:calc(100vh - 16px)}
.cc.beside{top:80px;max-height:calc(100vh - 160px)}
.vol input{width:64px}
}
`;
