import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  json,
  renderAdminPage,
  useDialogs,
  useFakeAdminApi,
  type Role,
} from './support/admin-page';
import { BookingFormPage, suggestKey } from '../src/admin/pages/BookingFormPage';
import { contract } from '@slotwise/contracts';
import type { ServerInferResponseBody } from '@ts-rest/core';
import { reply, serviceFixture } from './support/fake-api';

/**
 * The admin "Booking form" page against a fake API: the real SDK and session, with `fetch`
 * keeping the business's intake fields in memory like the server.
 */
const CUT = '11111111-1111-4111-8111-111111111111';
const COLOUR = '22222222-2222-4222-8222-222222222222';
const ALLERGIES = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const LENGTH = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CONSENT = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const NEW_ID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

type Field = ServerInferResponseBody<typeof contract.admin.intakeFields.create, 201>;
const field = (f: Partial<Field> & Pick<Field, 'id' | 'key' | 'label'>): Field => ({
  serviceId: null,
  type: 'text',
  required: false,
  options: [],
  sortOrder: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...f,
});

let fields: Field[];
let role: Role;
/** What the next POST / PATCH answers instead of succeeding. */
let writeAnswer: { status: number; body: unknown } | null;

const ordered = () =>
  fields
    .slice()
    .sort((a, b) => a.sortOrder - b.sortOrder || a.createdAt.localeCompare(b.createdAt));

const calls = useFakeAdminApi(
  ({ method, path: p, body: b }) => {
    const body = b as Omit<Field, 'id' | 'createdAt'>;
    if (p === '/v1/admin/services')
      return reply(contract.admin.services.list, 200, {
        items: [
          serviceFixture({ id: CUT, name: 'Cut' }),
          serviceFixture({ id: COLOUR, name: 'Colour' }),
        ],
        nextCursor: null,
      });
    if (p === '/v1/admin/intake-fields' && method === 'GET') return json(200, { items: ordered() });
    if (p === '/v1/admin/intake-fields' && method === 'POST') {
      if (writeAnswer) return json(writeAnswer.status, writeAnswer.body);
      const made = field({ id: NEW_ID, createdAt: '2026-02-01T00:00:00.000Z', ...body });
      fields.push(made);
      return json(201, made);
    }
    const one = /^\/v1\/admin\/intake-fields\/([^/]+)$/.exec(p);
    if (one && method === 'PATCH') {
      if (writeAnswer) return json(writeAnswer.status, writeAnswer.body);
      const f = fields.find((x) => x.id === one[1])!;
      Object.assign(f, body);
      return json(200, f);
    }
    if (one && method === 'DELETE') {
      fields = fields.filter((x) => x.id !== one[1]);
      return new Response(null, { status: 204 });
    }
    return undefined;
  },
  { role: () => role },
);

useDialogs();

beforeEach(() => {
  role = 'owner';
  writeAnswer = null;
  fields = [
    field({ id: ALLERGIES, key: 'allergies', label: 'Any allergies?', type: 'textarea' }),
    field({
      id: LENGTH,
      serviceId: CUT,
      key: 'hair_length',
      label: 'Hair length',
      type: 'select',
      required: true,
      options: ['Short', 'Long'],
      sortOrder: 10,
    }),
    field({
      id: CONSENT,
      serviceId: CUT,
      key: 'consent',
      label: 'Patch test done',
      type: 'checkbox',
      required: true,
      sortOrder: 20,
    }),
  ];
});

const setup = () => renderAdminPage(<BookingFormPage />);

const writes = (method: string) =>
  calls.filter((c) => c.method === method && c.path.startsWith('/v1/admin/intake-fields'));
const errorOf = (control: HTMLElement) =>
  document.getElementById(control.getAttribute('aria-describedby') ?? '')?.textContent;
const group = (name: string) => screen.findByRole('region', { name });
const questionsOf = async (name: string) =>
  within(await group(name))
    .queryAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]!.querySelector('strong')!.textContent);

async function openNew(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Add question' }));
  return screen.getByRole('dialog', { name: 'New question' });
}

describe('BookingFormPage', () => {
  it('lists the questions for every service and each service’s own, in form order', async () => {
    setup();
    expect(await questionsOf('Questions for every service')).toEqual(['Any allergies?']);
    expect(await questionsOf('Cut')).toEqual(['Hair length', 'Patch test done']);
    expect(within(await group('Colour')).getByText(/no questions of its own/i)).toBeInTheDocument();
    const length = within(await group('Cut')).getByRole('row', { name: /hair length/i });
    expect(length).toHaveTextContent('Pick one');
    expect(length).toHaveTextContent('Required');
    expect(length).toHaveTextContent('Short · Long');
    // The preview shows the first service's form as customers see it.
    const preview = await group('Preview');
    expect(within(preview).getByRole('textbox', { name: /any allergies/i })).toBeInTheDocument();
    expect(within(preview).getByRole('combobox', { name: /hair length/i })).toBeInTheDocument();
    await userEvent.setup().selectOptions(within(preview).getByLabelText('Form of'), COLOUR);
    expect(within(preview).queryByRole('combobox', { name: /hair length/i })).toBeNull();
  });

  it('adds a required select question for one service, with options in order', async () => {
    const user = setup();
    const dialog = await openNew(user);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Question' }),
      'Preferred pressure?',
    );
    const key = within(dialog).getByRole('textbox', { name: 'Key' });
    expect(key).toHaveValue('preferred_pressure');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'select');
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 1' }), 'Soft');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 2' }), 'Firm');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 3' }), 'Medium');
    await user.click(within(dialog).getByRole('button', { name: 'Move option 3 up' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove option 4' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Asked for' }), CUT);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Required' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add question' }));

    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes('POST').map((c) => c.body)).toEqual([
      {
        serviceId: CUT,
        key: 'preferred_pressure',
        label: 'Preferred pressure?',
        type: 'select',
        required: true,
        options: ['Soft', 'Medium', 'Firm'],
        sortOrder: 30,
      },
    ]);
    await vi.waitFor(async () =>
      expect(await questionsOf('Cut')).toEqual([
        'Hair length',
        'Patch test done',
        'Preferred pressure?',
      ]),
    );
    expect(screen.getByText('Added “Preferred pressure?”')).toBeInTheDocument();
  });

  it('checks the form before sending, then shows the API’s errors on their inputs', async () => {
    const user = setup();
    const dialog = await openNew(user);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'multiselect');
    await user.click(within(dialog).getByRole('button', { name: 'Add question' }));
    expect(writes('POST')).toHaveLength(0);
    const label = within(dialog).getByRole('textbox', { name: 'Question' });
    expect(errorOf(label)).toBe('Enter the question.');
    expect(errorOf(within(dialog).getByRole('textbox', { name: 'Key' }))).toBe('Enter a key.');
    expect(errorOf(within(dialog).getByRole('textbox', { name: 'Option 1' }))).toBe(
      'Enter the option or remove it.',
    );
    await vi.waitFor(() => expect(document.activeElement).toBe(label));

    await user.type(label, 'Colours');
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 1' }), 'Red');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 2' }), 'Blue');
    writeAnswer = {
      status: 422,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Invalid request',
          details: {
            issues: [
              { path: 'body.label', message: 'Too fancy' },
              { path: 'body.options.1', message: 'Options must be distinct' },
              { path: 'body.somethingElse', message: 'Odd' },
            ],
          },
        },
      },
    };
    await user.click(within(dialog).getByRole('button', { name: 'Add question' }));
    await vi.waitFor(() => expect(errorOf(label)).toBe('Too fancy'));
    expect(errorOf(within(dialog).getByRole('textbox', { name: 'Option 2' }))).toBe(
      'Options must be distinct',
    );
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('Please fix 2 fields below.');
    expect(alert).toHaveTextContent('somethingElse: Odd');
    // An API error stands until its input is edited.
    await user.type(label, '!');
    expect(label).not.toHaveAttribute('aria-invalid');

    writeAnswer = {
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: 'Key in use',
          details: { field: 'key', fieldIds: [ALLERGIES] },
        },
      },
    };
    await user.click(within(dialog).getByRole('button', { name: 'Add question' }));
    const key = within(dialog).getByRole('textbox', { name: 'Key' });
    await vi.waitFor(() => expect(errorOf(key)).toMatch(/already uses this key/));
    await vi.waitFor(() => expect(document.activeElement).toBe(key));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('words the contract’s option rules for staff, on the option they are about', async () => {
    const user = setup();
    const dialog = await openNew(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Question' }), 'Colours');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'select');
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 1' }), 'Red');
    await user.click(within(dialog).getByRole('button', { name: 'Add option' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Option 2' }), ' Red ');
    await user.click(within(dialog).getByRole('button', { name: 'Add question' }));
    expect(errorOf(within(dialog).getByRole('textbox', { name: 'Option 2' }))).toBe(
      'This option is already listed.',
    );
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Please fix 1 field below.');
    await user.click(within(dialog).getByRole('button', { name: 'Remove option 2' }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove option 1' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add question' }));
    expect(within(dialog).getByRole('group', { name: 'Options' })).toHaveTextContent(
      'Add at least one option.',
    );
    const key = within(dialog).getByRole('textbox', { name: 'Key' });
    await user.clear(key);
    await user.type(key, 'Bad Key');
    expect(errorOf(key)).toBe('Use lower-case letters, digits, _ and - only.');
    expect(writes('POST')).toHaveLength(0);
  });

  it('edits a question: turning a select into text sends no options', async () => {
    const user = setup();
    await user.click(await screen.findByRole('button', { name: 'Edit “Hair length”' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “Hair length”' });
    expect(within(dialog).getByRole('textbox', { name: 'Option 2' })).toHaveValue('Long');
    // The key of an existing question does not follow its label.
    await user.type(within(dialog).getByRole('textbox', { name: 'Question' }), ' (cm)');
    expect(within(dialog).getByRole('textbox', { name: 'Key' })).toHaveValue('hair_length');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'number');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes('PATCH')).toMatchObject([
      {
        method: 'PATCH',
        path: `/v1/admin/intake-fields/${LENGTH}`,
        body: {
          serviceId: CUT,
          key: 'hair_length',
          label: 'Hair length (cm)',
          type: 'number',
          required: true,
          options: [],
        },
      },
    ]);
  });

  it('moves a question down by renumbering the form order', async () => {
    const user = setup();
    await user.click(await screen.findByRole('button', { name: 'Move “Hair length” down' }));
    await vi.waitFor(async () =>
      expect(await questionsOf('Cut')).toEqual(['Patch test done', 'Hair length']),
    );
    expect(
      Object.fromEntries(
        writes('PATCH').map((c) => [c.path.split('/').at(-1), (c.body as Field).sortOrder]),
      ),
    ).toEqual({ [CONSENT]: 10, [LENGTH]: 20 });
  });

  it('deletes only once confirmed, saying answers are kept', async () => {
    const user = setup();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    await user.click(await screen.findByRole('button', { name: 'Edit “Any allergies?”' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(confirm).toHaveBeenCalledWith(
      expect.stringMatching(/answers .* already gave are kept/i),
    );
    expect(writes('DELETE')).toHaveLength(0);
    confirm.mockReturnValueOnce(true);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes('DELETE').map((c) => c.path)).toEqual([`/v1/admin/intake-fields/${ALLERGIES}`]);
    await vi.waitFor(async () =>
      expect(within(await group('Questions for every service')).queryAllByRole('row')).toHaveLength(
        0,
      ),
    );
  });

  it('is read-only for viewers', async () => {
    role = 'viewer';
    setup();
    expect(await questionsOf('Cut')).toEqual(['Hair length', 'Patch test done']);
    expect(screen.queryByRole('button', { name: /add|edit|move/i })).toBeNull();
  });

  it('suggests keys from labels', () => {
    expect(suggestKey('  Any allergies? ')).toBe('any_allergies');
    expect(suggestKey('Crème brûlée — ok')).toBe('creme_brulee_ok');
    expect(suggestKey('x'.repeat(70))).toHaveLength(64);
  });
});
