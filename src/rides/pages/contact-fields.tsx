/** How a rider or a driver is reached: by text or email, and the number or address. */
import { Field } from '../../web/kit/form-parts.js';
import type { PageContext } from '../../web/page-context.js';

export function ContactFields({ ctx, id }: { ctx: PageContext; id: string }) {
  const { t } = ctx;
  return (
    <>
      <fieldset>
        <legend>{t('rides.ask.reach')}</legend>
        <label>
          <input type="radio" name="channel" value="sms" required checked /> {t('rides.ask.sms')}
        </label>
        <label>
          <input type="radio" name="channel" value="email" /> {t('rides.ask.email')}
        </label>
      </fieldset>
      <Field id={id} label={t('rides.ask.contact')}>
        <input id={id} name="contact" required maxLength={120} />
      </Field>
    </>
  );
}
