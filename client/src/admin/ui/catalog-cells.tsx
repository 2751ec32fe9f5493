/** The last two cells of the catalogue tables (services, resources, locations): its state and its edit button. */

export function StateCell({ active, on, off }: { active: boolean; on: string; off: string }) {
  return (
    <td>
      {active ? (
        <span className="badge badge--completed">{on}</span>
      ) : (
        <span className="badge">{off}</span>
      )}
    </td>
  );
}

/** Empty for a member who may not edit; the button's accessible name names the row. */
export function EditCell({
  canEdit,
  label,
  text,
  onEdit,
}: {
  canEdit: boolean;
  label: string;
  text: string;
  onEdit: () => void;
}) {
  return (
    <td className="cell-actions">
      {canEdit && (
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={onEdit}
          aria-label={label}
        >
          {text}
        </button>
      )}
    </td>
  );
}
