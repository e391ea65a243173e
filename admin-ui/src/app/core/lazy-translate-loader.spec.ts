import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';
import { LazyTranslateLoader } from './lazy-translate-loader';

describe('LazyTranslateLoader', () => {
  it('loads the language asked for, Russian for an unknown one', async () => {
    const loader = new LazyTranslateLoader();
    expect(await firstValueFrom(loader.getTranslation('en'))).toEqual(en);
    expect(await firstValueFrom(loader.getTranslation('ru'))).toEqual(ru);
    expect(await firstValueFrom(loader.getTranslation('klingon'))).toEqual(ru);
  });
});
