import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { messageTemplateNames } from '@slotwise/contracts';
import { MessagesPage } from '../src/admin/pages/MessagesPage';
import { parseOffsets } from '../src/admin/pages/messages/NoticesSection';
import { json, renderAdminPage, useFakeAdminApi } from './support/admin-page';
import { tenantFixture } from './support/fake-api';

/** The admin "Messages" page against a fake API: the real SDK and session. */
const items = messageTemplateNames.flatMap((template) =>
  (['en', 'es', 'fr'] as const).map((locale) => ({
    template,
    locale,
    audience: template.startsWith('business.') ? 'business' : 'customer',
    subject: null,
    intro: null,
    defaultSubject: `Default subject of ${template} (${locale})`,
    defaultIntro: `Default intro of ${template} (${locale})`,
  })),
);

const calls = useFakeAdminApi(({ method, path: p, body: b }) => {
  const body = b as { subject?: string; intro?: string };
  if (p === '/v1/admin/tenant' && method === 'GET') return json(200, tenantFixture());
  if (p === '/v1/admin/tenant' && method === 'PATCH') return json(200, tenantFixture());
  if (p === '/v1/admin/message-templates') return json(200, { items });
  const preview = p.match(/^\/v1\/admin\/message-templates\/([^/]+)\/([^/]+)\/preview$/);
  if (preview && method === 'POST')
    return json(200, {
      subject: body.subject ?? `Default subject of ${preview[1]}`,
      text: body.intro ?? 'intro',
      html: `<html><body><p>${body.intro ?? 'intro'}</p></body></html>`,
    });
  const put = p.match(/^\/v1\/admin\/message-templates\/([^/]+)\/([^/]+)$/);
  if (put && method === 'PUT') {
    const it = items.find((i) => i.template === put[1] && i.locale === put[2])!;
    return json(200, { ...it, ...body });
  }
  return undefined;
});

const setup = () => renderAdminPage(<MessagesPage />);

describe('MessagesPage', () => {
  it('previews and saves a message’s wording in the chosen language', async () => {
    const user = setup();
    const subject = await screen.findByLabelText('Subject');
    expect(subject).toHaveAttribute('placeholder', 'Default subject of booking.booked (en)');
    await user.selectOptions(screen.getByLabelText('Language'), 'es');
    expect(screen.getByLabelText('Subject')).toHaveAttribute(
      'placeholder',
      'Default subject of booking.booked (es)',
    );
    await user.type(screen.getByLabelText('Subject'), 'Hasta pronto');
    await user.type(screen.getByLabelText('Intro'), 'Te esperamos');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText('Hasta pronto');
    expect(screen.getByTitle('Email preview')).toHaveAttribute(
      'srcdoc',
      expect.stringContaining('Te esperamos'),
    );
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    await screen.findByText('Message saved');
    expect(calls.filter((c) => c.method === 'PUT')).toMatchObject([
      {
        method: 'PUT',
        path: '/v1/admin/message-templates/booking.booked/es',
        body: { subject: 'Hasta pronto', intro: 'Te esperamos' },
      },
    ]);
  });

  it('saves reminder offsets typed in hours as minutes, with quiet hours', async () => {
    const user = setup();
    const offsets = await screen.findByLabelText('Remind this many hours before');
    await user.clear(offsets);
    await user.type(offsets, '48, 3');
    await user.click(screen.getByLabelText(/Quiet hours: never remind at night/));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Reminders and notices saved');
    const patch = calls.find((c) => c.method === 'PATCH')!.body as {
      settings: Record<string, unknown>;
    };
    expect(patch.settings).toMatchObject({
      reminderOffsetsMinutes: [2880, 180],
      quietHours: { start: '21:00', end: '08:00' },
      reminderChannels: ['email'],
    });
  });

  it('reads hours (decimals allowed) into minutes, and refuses text', () => {
    expect(parseOffsets('24, 2')).toEqual([1440, 120]);
    expect(parseOffsets('0.5')).toEqual([30]);
    expect(parseOffsets('24, soon')).toBeNull();
  });
});
