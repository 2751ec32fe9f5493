import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DetailsForm } from '../src/booking/DetailsForm';
import type { IntakeField } from '../src/booking/types';
import { I18nProvider, type Locale } from '../src/shared/i18n';

const FIELDS: IntakeField[] = [
  {
    key: 'hair_length',
    label: 'Hair length',
    type: 'select',
    required: true,
    options: ['Short', 'Medium', 'Long'],
  },
  { key: 'age', label: 'Age', type: 'number', required: false, options: [] },
  {
    key: 'products',
    label: 'Products you use',
    type: 'multiselect',
    required: false,
    options: ['Shampoo', 'Conditioner', 'Oil'],
  },
  {
    key: 'consent',
    label: 'I agree to a patch test',
    type: 'checkbox',
    required: true,
    options: [],
  },
];

function setup(props: Partial<Parameters<typeof DetailsForm>[0]> = {}, locale: Locale = 'en') {
  const onSubmit = vi.fn();
  const user = userEvent.setup();
  const utils = render(
    <I18nProvider initial={locale}>
      <DetailsForm fields={FIELDS} submitLabel="Confirm booking" onSubmit={onSubmit} {...props} />
    </I18nProvider>,
  );
  return { ...utils, user, onSubmit };
}

const errorOf = (control: HTMLElement) =>
  document.getElementById(control.getAttribute('aria-describedby') ?? '')?.textContent;

describe('DetailsForm', () => {
  it('refuses an empty form, marks every required field and focuses the first one', async () => {
    const { user, onSubmit } = setup();
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Please fix 4 fields below.');
    const name = screen.getByRole('textbox', { name: /full name/i });
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(errorOf(name)).toBe('This field is required.');
    expect(errorOf(screen.getByRole('textbox', { name: /email/i }))).toBe(
      'This field is required.',
    );
    expect(errorOf(screen.getByRole('combobox', { name: /hair length/i }))).toBe(
      'This field is required.',
    );
    expect(errorOf(screen.getByRole('checkbox', { name: /patch test/i }))).toBe(
      'This field is required.',
    );
    // Optional fields are not errors.
    expect(screen.getByRole('spinbutton', { name: /age/i })).not.toHaveAttribute('aria-invalid');
    await vi.waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('checks the email and phone formats and re-validates as the visitor types', async () => {
    const { user, onSubmit } = setup({ fields: [] });
    await user.type(screen.getByRole('textbox', { name: /full name/i }), 'Ana Díaz');
    const email = screen.getByRole('textbox', { name: /email/i });
    await user.type(email, 'ana@');
    await user.type(screen.getByRole('textbox', { name: /phone/i }), '12');
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(errorOf(email)).toMatch(/enter an email address/i);
    expect(errorOf(screen.getByRole('textbox', { name: /phone/i }))).toMatch(
      /enter a phone number/i,
    );
    await user.type(email, 'example.com');
    expect(email).not.toHaveAttribute('aria-invalid');
  });

  it('sends trimmed contact details and typed intake answers', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByRole('textbox', { name: /full name/i }), '  Ana Díaz ');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'ana@example.com');
    await user.type(screen.getByRole('textbox', { name: /phone/i }), '+34 912 345 678');
    await user.selectOptions(screen.getByRole('combobox', { name: /hair length/i }), 'Long');
    await user.type(screen.getByRole('spinbutton', { name: /age/i }), '34');
    await user.click(screen.getByRole('checkbox', { name: 'Shampoo' }));
    await user.click(screen.getByRole('checkbox', { name: 'Oil' }));
    await user.click(screen.getByRole('checkbox', { name: /patch test/i }));
    await user.type(
      screen.getByRole('textbox', { name: /anything we should know/i }),
      'Curly hair',
    );
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(onSubmit).toHaveBeenCalledWith({
      customer: { name: 'Ana Díaz', email: 'ana@example.com', phone: '+34 912 345 678' },
      notes: 'Curly hair',
      answers: { hair_length: 'Long', age: 34, products: ['Shampoo', 'Oil'], consent: true },
    });
  });

  it('leaves optional answers out and the phone too when it is empty', async () => {
    const { user, onSubmit } = setup({ fields: FIELDS.filter((f) => f.required) });
    await user.type(screen.getByRole('textbox', { name: /full name/i }), 'Bo');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'bo@example.com');
    await user.selectOptions(screen.getByRole('combobox', { name: /hair length/i }), 'Short');
    await user.click(screen.getByRole('checkbox', { name: /patch test/i }));
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(onSubmit).toHaveBeenCalledWith({
      customer: { name: 'Bo', email: 'bo@example.com' },
      notes: '',
      answers: { hair_length: 'Short', consent: true },
    });
  });

  it('sends the SMS opt-in only when ticked, and asks for a phone number with it', async () => {
    const { user, onSubmit } = setup({ fields: [] });
    await user.type(screen.getByRole('textbox', { name: /full name/i }), 'Lu');
    await user.type(screen.getByRole('textbox', { name: /email/i }), 'lu@example.com');
    const optIn = screen.getByRole('checkbox', { name: /text me about this booking/i });
    expect(optIn).not.toBeChecked();
    await user.click(optIn);
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(errorOf(screen.getByRole('textbox', { name: /phone/i }))).toBe('Enter a phone number to receive texts.');
    await user.type(screen.getByRole('textbox', { name: /phone/i }), '+34 600 111 222');
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(onSubmit).toHaveBeenCalledWith({
      customer: { name: 'Lu', email: 'lu@example.com', phone: '+34 600 111 222', smsOptIn: true },
      notes: '',
      answers: {},
    });
  });

  it('shows the API’s field errors until the field is edited', async () => {
    const { user } = setup({
      fields: FIELDS,
      serverErrors: {
        email: 'This address bounced',
        'answers.hair_length': 'Not offered any more',
      },
    });
    const email = screen.getByRole('textbox', { name: /email/i });
    expect(errorOf(email)).toBe('This address bounced');
    expect(errorOf(screen.getByRole('combobox', { name: /hair length/i }))).toBe(
      'Not offered any more',
    );
    await user.type(email, 'x');
    expect(email).not.toHaveAttribute('aria-invalid');
    expect(errorOf(screen.getByRole('combobox', { name: /hair length/i }))).toBe(
      'Not offered any more',
    );
  });

  it('speaks the visitor’s language', async () => {
    const { user } = setup({ fields: [] }, 'es');
    expect(screen.getByRole('textbox', { name: /nombre completo/i })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Confirm booking' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Corrige 2 campos.');
    expect(errorOf(screen.getByRole('textbox', { name: /nombre completo/i }))).toBe(
      'Este campo es obligatorio.',
    );
  });
});
