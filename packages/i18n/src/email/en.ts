/**
 * Email strings, English: the reference catalog (es/fr must have every key). Keys are
 * `<template>.subject` / `<template>.intro` per message plus shared `mail.*` parts, and the
 * account emails' `account.*` (an empty intro: none). Placeholders: {business}, {service},
 * {provider}, {customer}, {when}, {code}, {amount}, {expiry}, {zone}, {minutes}.
 */
export const en = {
  'mail.greeting': 'Hi {name},',
  'mail.service': 'Service',
  'mail.with': 'With',
  'mail.when': 'When',
  'mail.where': 'Where',
  'mail.code': 'Confirmation code',
  'mail.customer': 'Customer',
  'mail.contact': 'Contact',
  'mail.notes': 'Notes',
  'mail.zoneNote': 'Times are shown in {zone}.',
  'mail.manage': 'Change or cancel',
  'mail.manageText': 'Change or cancel: {url}',
  'mail.openAdmin': 'Open the booking',
  'mail.icsNote': 'The attached invitation adds it to your calendar.',
  'mail.icsCancelNote': 'The attached update removes it from your calendar.',
  'mail.footer': 'Sent by {business} with Slotwise.',
  'mail.fee': 'A cancellation fee of {amount} applies.',
  'mail.refund': 'You will be refunded {amount}.',
  'mail.retained': '{amount} of your deposit is kept.',
  'mail.amountDue': 'Amount due: {amount}',
  'mail.payBy': 'Please pay by {expiry}, or the time is released.',
  'mail.pay': 'Pay now',
  'mail.payText': 'Pay now: {url}',
  'mail.book': 'Book this time',
  'mail.bookText': 'Book this time: {url}',
  'mail.previousTime': 'Previously',
  'mail.reason': 'Reason',

  'booking.booked.subject': 'Booked: {service} on {when}',
  'booking.booked.intro': 'Thanks for booking with {business}. Your appointment is confirmed.',
  'booking.requested.subject': 'Request received: {service}',
  'booking.requested.intro':
    '{business} has received your request and will confirm it shortly. We will email you as soon as they do.',
  'booking.payment_required.subject': 'Payment needed to confirm {service}',
  'booking.payment_required.intro':
    'Your time with {business} is held for you. Complete the payment to confirm it.',
  'booking.payment_expired.subject': 'Not booked: {service} on {when}',
  'booking.payment_expired.intro':
    'The payment for your booking with {business} was not completed in time, so the hold expired and the time was released. Nothing was charged. You are welcome to book again.',
  'booking.confirmed.subject': 'Confirmed: {service} on {when}',
  'booking.confirmed.intro': '{business} has confirmed your booking.',
  'booking.rescheduled.subject': 'New time: {service} on {when}',
  'booking.rescheduled.intro': 'Your booking with {business} has moved to a new time.',
  'booking.cancelled.subject': 'Cancelled: {service} on {when}',
  'booking.cancelled.intro': 'Your booking with {business} has been cancelled.',
  'booking.reminder.subject': 'Reminder: {service} on {when}',
  'booking.reminder.intro': 'A reminder of your upcoming appointment with {business}.',
  'waitlist.slot_available.subject': 'A time opened up: {service}',
  'waitlist.slot_available.intro':
    'Good news: a time you were waiting for at {business} is free. It goes to whoever books first.',

  'business.new_booking.subject': 'New booking: {customer}, {service} on {when}',
  'business.new_booking.intro': '{customer} booked {service}.',
  'business.approval_needed.subject': 'Approval needed: {customer}, {service} on {when}',
  'business.approval_needed.intro':
    '{customer} asked for {service}. The request waits for your approval.',
  'business.rescheduled.subject': 'Rescheduled: {customer}, {service} now on {when}',
  'business.rescheduled.intro': 'The booking of {customer} moved to a new time.',
  'business.cancelled.subject': 'Cancelled: {customer}, {service} on {when}',
  'business.cancelled.intro': 'The booking of {customer} was cancelled.',

  // Account emails (business users; in the business's language, docs/guides/messages.md).
  'account.worksOnce': '(works once, for {minutes} minutes)',
  'account.password_reset.subject': 'Set a new Slotwise password',
  'account.password_reset.intro':
    'Someone (hopefully you) asked to set a new password for your Slotwise account.',
  'account.password_reset.linkText': 'Open this link within {minutes} minutes to choose one. It works once:',
  'account.password_reset.button': 'Choose a new password',
  'account.password_reset.outro':
    'Setting a new password signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.',
  'account.email_verification.subject': 'Confirm your email address for Slotwise',
  'account.email_verification.intro': '',
  'account.email_verification.linkText':
    'Confirm this is your email address by opening this link within {minutes} minutes:',
  'account.email_verification.button': 'Confirm your email address',
  'account.email_verification.outro': 'If you did not create a Slotwise account, ignore this email.',
};
export type EmailMessages = typeof en;
