import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useIntakeFieldList, useServiceList, type AdminIntakeField } from '../data';
import { apiMessage, Card, PageHeader, useToast } from '../ui/kit';
import { focusSoon, TYPE_LABELS, useRefreshQuestions } from './booking-form/questions';
import { Preview } from './booking-form/Preview';
import { QuestionDialog } from './booking-form/QuestionDialog';
import { useI18n } from '../../shared/i18n';

// The helpers the page and its dialog share (suggestKey is also tested on its own).
export { suggestKey, TYPE_LABELS } from './booking-form/questions';

/**
 * The questions of the booking form: those asked for every service, then each service's own,
 * in form order, with a preview of a service's form as customers see it.
 */
export function BookingFormPage() {
  const { can, session } = useAuth();
  const canEdit = can('admin');
  const fields = useIntakeFieldList();
  const services = useServiceList();
  const notify = useToast();
  const { t } = useI18n();
  const refresh = useRefreshQuestions();
  const uid = useId();
  const [editing, setEditing] = useState<{
    field: AdminIntakeField | null;
    serviceId: string | null;
  } | null>(null);

  // Up / down swaps two questions of one group in the business's overall order, then numbers the
  // whole order 0, 10, 20…: every service's form (its own plus the business-wide questions) is a
  // part of that order, so it changes only where asked.
  const move = useMutation({
    mutationFn: async ({ field, by }: { field: AdminIntakeField; by: -1 | 1 }) => {
      const all = fields.data ?? [];
      const group = all.filter((f) => f.serviceId === field.serviceId);
      const other = group[group.indexOf(field) + by];
      if (!other) return;
      const order = all.slice();
      order[all.indexOf(field)] = other;
      order[all.indexOf(other)] = field;
      await Promise.all(
        order.flatMap((f, i) =>
          f.sortOrder === i * 10
            ? []
            : [
                session.sdk.admin.intakeFields.update({
                  params: { id: f.id },
                  body: { sortOrder: i * 10 },
                }),
              ],
        ),
      );
    },
    onSuccess: (_, { field, by }) => {
      notify(
        t(by < 0 ? 'admin.bookingForm.movedUp' : 'admin.bookingForm.movedDown', {
          label: field.label,
        }),
      );
      const dir = by < 0 ? 'up' : 'down';
      focusSoon(`${uid}-${field.id}-${dir}`, `${uid}-${field.id}-${dir === 'up' ? 'down' : 'up'}`);
    },
    onError: (err) =>
      notify(t('admin.bookingForm.moveError', { error: apiMessage(err) }), 'error'),
    onSettled: refresh,
  });

  const all = fields.data ?? [];
  const list = services.data ?? [];
  const groups: { serviceId: string | null; title: string; empty: string }[] = [
    {
      serviceId: null,
      title: t('admin.bookingForm.everyService'),
      empty: t('admin.bookingForm.everyServiceEmpty'),
    },
    ...list.map((s) => ({
      serviceId: s.id,
      title: s.active ? s.name : t('admin.bookingForm.hiddenService', { name: s.name }),
      empty: t('admin.bookingForm.serviceEmpty'),
    })),
  ];
  const nextSortOrder = Math.min(
    100_000,
    all.length ? Math.max(...all.map((f) => f.sortOrder)) + 10 : 0,
  );

  return (
    <>
      <PageHeader
        title={t('admin.bookingForm.title')}
        description={t('admin.bookingForm.description')}
        actions={
          canEdit && (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setEditing({ field: null, serviceId: null })}
            >
              {t('admin.bookingForm.addQuestion')}
            </button>
          )
        }
      />
      {fields.isPending || services.isPending ? (
        <Loading label={t('admin.bookingForm.loading')} />
      ) : fields.isError || services.isError ? (
        <ErrorState
          title={t('admin.bookingForm.loadError')}
          onRetry={() => void (fields.isError ? fields.refetch() : services.refetch())}
        />
      ) : (
        <div className="stack">
          {all.length === 0 && (
            <Empty title={t('admin.bookingForm.empty')}>
              <p>{t('admin.bookingForm.emptyText')}</p>
            </Empty>
          )}
          {groups.map((g) => {
            const rows = all.filter((f) => f.serviceId === g.serviceId);
            return (
              <Card
                key={g.serviceId ?? 'all'}
                title={g.title}
                actions={
                  canEdit && (
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      aria-label={
                        g.serviceId
                          ? t('admin.bookingForm.addFor', { name: g.title })
                          : t('admin.bookingForm.addForEvery')
                      }
                      onClick={() => setEditing({ field: null, serviceId: g.serviceId })}
                    >
                      {t('admin.bookingForm.add')}
                    </button>
                  )
                }
              >
                {rows.length === 0 ? (
                  <p className="muted small">{g.empty}</p>
                ) : (
                  <div className="table-wrap">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">{t('admin.bookingForm.colQuestion')}</th>
                          <th scope="col">{t('admin.bookingForm.colKey')}</th>
                          <th scope="col">{t('admin.bookingForm.colType')}</th>
                          <th scope="col">{t('admin.bookingForm.colAnswer')}</th>
                          <th scope="col">
                            <span className="sr-only">{t('admin.bookingForm.colActions')}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((f, i) => (
                          <tr key={f.id}>
                            <td>
                              <strong>{f.label}</strong>
                              {f.options.length > 0 && (
                                <div className="muted small">{f.options.join(' · ')}</div>
                              )}
                            </td>
                            <td>
                              <code>{f.key}</code>
                            </td>
                            <td>{t(TYPE_LABELS[f.type])}</td>
                            <td>
                              {f.required ? (
                                <span className="badge badge--confirmed">
                                  {t('admin.bookingForm.required')}
                                </span>
                              ) : (
                                <span className="badge">{t('admin.bookingForm.optional')}</span>
                              )}
                            </td>
                            <td className="cell-actions">
                              {canEdit && (
                                <>
                                  <button
                                    type="button"
                                    id={`${uid}-${f.id}-up`}
                                    className="icon-btn icon-btn--small"
                                    aria-label={t('admin.bookingForm.moveUp', { label: f.label })}
                                    disabled={i === 0}
                                    onClick={() =>
                                      !move.isPending && move.mutate({ field: f, by: -1 })
                                    }
                                  >
                                    ↑
                                  </button>
                                  <button
                                    type="button"
                                    id={`${uid}-${f.id}-down`}
                                    className="icon-btn icon-btn--small"
                                    aria-label={t('admin.bookingForm.moveDown', { label: f.label })}
                                    disabled={i === rows.length - 1}
                                    onClick={() =>
                                      !move.isPending && move.mutate({ field: f, by: 1 })
                                    }
                                  >
                                    ↓
                                  </button>
                                  <button
                                    type="button"
                                    className="btn btn--secondary btn--small"
                                    aria-label={t('admin.bookingForm.editLabel', { label: f.label })}
                                    onClick={() => setEditing({ field: f, serviceId: f.serviceId })}
                                  >
                                    {t('admin.bookingForm.edit')}
                                  </button>
                                </>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Card>
            );
          })}
          {list.length > 0 && <Preview fields={all} services={list} />}
        </div>
      )}
      {editing && (
        <QuestionDialog
          field={editing.field}
          serviceId={editing.serviceId}
          services={list}
          nextSortOrder={nextSortOrder}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** A service's questions as customers see them (their own answers stay on this page). */
