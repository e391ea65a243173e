/**
 * B4 Side: the widget lives on the page's side edge — a tab flush with the edge (text running down
 * it) that opens a full-height panel on that side, like a drawer. Added over the base sheet.
 */
export const css = `
.st-side .launcher,.st-side .tab{writing-mode:vertical-rl;width:46px;height:auto;min-height:132px;padding:18px 0;gap:10px;border-radius:14px 0 0 14px;font-size:14.5px;font-weight:600;letter-spacing:.02em;box-shadow:-6px 0 22px rgba(16,24,40,.18);transition:padding .18s ease,background .18s ease}
.st-side.left .launcher,.st-side.left .tab{border-radius:0 14px 14px 0;box-shadow:6px 0 22px rgba(16,24,40,.18)}
.st-side .launcher:hover,.st-side .tab:hover{transform:none;padding-inline:0}
.st-side .launcher svg,.st-side .tab svg{width:22px;height:22px}
.st-side .badge{top:-8px;right:auto;left:-8px;writing-mode:horizontal-tb}
.st-side.left .badge{left:auto;right:-8px}
.st-side.open .launcher{display:none}
.st-side .win{border-radius:0;box-shadow:-10px 0 36px rgba(16,24,40,.14),-1px 0 0 rgba(16,24,40,.06);animation:slide-in .24s ease;transform-origin:right center}
.st-side.left .win{box-shadow:10px 0 36px rgba(16,24,40,.14),1px 0 0 rgba(16,24,40,.06);animation-name:slide-in-left}
@keyframes slide-in{from{transform:translateX(40px);opacity:0}to{transform:none;opacity:1}}
@keyframes slide-in-left{from{transform:translateX(-40px);opacity:0}to{transform:none;opacity:1}}
@media (prefers-reduced-motion:reduce){.st-side .win{animation:none}}
.st-side .head{padding:26px 14px 22px 24px;gap:14px;background:linear-gradient(160deg,var(--a),var(--a2))}
.st-side .logo{height:calc(36px*var(--ls));max-width:calc(180px*var(--ls))}
.st-side .ttl{font-size:18px;font-weight:700}
.st-side .list{padding:20px 18px 10px}
.st-side .comp{padding:12px 12px 14px 20px}
.st-side .form{padding:18px 24px 20px}
`;
