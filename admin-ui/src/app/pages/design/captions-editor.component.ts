import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { BUILT_IN_CAPTIONS } from '../../../../../widget/src/built-in-captions';
import { CAPTION_LIMITS, type Lang } from '../../../../../widget/src/design';
import { DesignEditor } from './design-editor';
import { type CaptionField, LANGS } from './design-rules';

interface CaptionGroup {
  id: 'chat' | 'offline';
  fields: readonly CaptionField[];
}

const GROUPS: readonly CaptionGroup[] = [
  { id: 'chat', fields: ['chatTitle', 'chatSubtitle', 'greeting', 'inputPlaceholder'] },
  { id: 'offline', fields: ['offlineTitle', 'offlineText', 'offlineThanks'] },
];
/** Long captions get a text area; the rest fit one line. */
const MULTILINE = new Set<CaptionField>(['greeting', 'offlineText', 'offlineThanks']);
/** Captions whose empty state is more than the greyed wording tells (the title names the operators online). */
const HINTED = new Set<CaptionField>(['chatTitle']);

/**
 * B8: the chat's and the offline form's captions in both languages. An empty field keeps the
 * widget's own wording, shown as its placeholder. Editing a group switches the preview to it
 * (offline captions show the offline form) in the tab's language.
 */
@Component({
  selector: 'cp-design-captions-editor',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './captions-editor.component.css',
  template: `
    <div class="tabs" role="tablist" [attr.aria-label]="'design.captions.language' | translate">
      @for (l of langs; track l) {
        <button type="button" role="tab" class="tab" [id]="'captions-tab-' + l" [attr.aria-selected]="lang() === l" [attr.aria-controls]="'captions-panel'"
          [attr.data-testid]="'design-caption-tab-' + l" (click)="editor.previewLang.set(l)">
          <span class="code">{{ l.toUpperCase() }}</span> {{ 'lang.' + l | translate }}
        </button>
      }
    </div>
    @if (editor.draft(); as draft) {
      <div class="groups" id="captions-panel" role="tabpanel" [attr.aria-labelledby]="'captions-tab-' + lang()">
        @for (group of groups; track group.id) {
          <fieldset class="group" (focusin)="editor.previewView.set(group.id)">
            <legend>{{ 'design.captions.' + group.id | translate }}</legend>
            @for (field of group.fields; track field) {
              @let value = draft.captions[lang()][field];
              @let id = 'caption-' + lang() + '-' + field;
              @let error = errorFor(field);
              <div class="caption">
                <div class="caption-head">
                  <label [for]="id">{{ 'design.captions.fields.' + field | translate }}</label>
                  <span class="count" [class.over]="value.length > limits[field]" aria-hidden="true">{{ value.length }} / {{ limits[field] }}</span>
                </div>
                @if (multiline.has(field)) {
                  <textarea class="input" rows="2" [id]="id" [attr.data-testid]="'design-caption-' + lang() + '-' + field" [value]="value"
                    [placeholder]="builtIn()[field]" [attr.maxlength]="limits[field]" [class.has-error]="!!error" [attr.lang]="lang()"
                    (input)="typed(field, $event)"></textarea>
                } @else {
                  <input class="input" type="text" [id]="id" [attr.data-testid]="'design-caption-' + lang() + '-' + field" [value]="value"
                    [placeholder]="builtIn()[field]" [attr.maxlength]="limits[field]" [class.has-error]="!!error" [attr.lang]="lang()"
                    (input)="typed(field, $event)" />
                }
                @if (error; as e) {
                  <p class="field-error" role="alert" [attr.data-testid]="'design-caption-error-' + lang() + '-' + field">{{ e.key | translate: e.params }}</p>
                }
                @if (hinted.has(field) && !value) {
                  <p class="hint" [attr.data-testid]="'design-caption-hint-' + field">{{ 'design.captions.hints.' + field | translate }}</p>
                }
              </div>
            }
          </fieldset>
        }
      </div>
    }
  `,
})
export class CaptionsEditor {
  protected readonly editor = inject(DesignEditor);
  protected readonly langs = LANGS;
  protected readonly groups = GROUPS;
  protected readonly limits = CAPTION_LIMITS;
  protected readonly multiline = MULTILINE;
  protected readonly hinted = HINTED;
  protected readonly lang = computed<Lang>(() => this.editor.previewLang());
  protected readonly builtIn = computed(() => BUILT_IN_CAPTIONS[this.lang()]);

  protected typed(field: CaptionField, event: Event): void {
    this.editor.setCaption(this.lang(), field, (event.target as HTMLInputElement | HTMLTextAreaElement).value);
  }

  protected errorFor(field: CaptionField): { key: string; params?: Record<string, unknown> } | null {
    const path = `${this.lang()}.${field}`;
    if (this.editor.captionErrors().has(path) || this.editor.serverErrors()[`captions.${path}`]) {
      return { key: 'design.captions.tooLong', params: { max: CAPTION_LIMITS[field] } };
    }
    return null;
  }
}
