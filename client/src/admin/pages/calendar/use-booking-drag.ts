import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { RefObject } from 'react';
import { SNAP_MIN, PX_PER_MIN, GUTTER_PX, type Column, type Placed, type Drag } from './geometry';

/**
 * Dragging a booking: pointer capture on the block, snapped to 15 minutes and to whole columns.
 * `onDrop` gets the target only when the block really moved; a click that ends a drag is
 * reported by `justDragged` so it does not open the booking.
 */
export function useBookingDrag({
  bodyRef,
  columns,
  enabled,
  onDrop,
}: {
  bodyRef: RefObject<HTMLDivElement | null>;
  columns: readonly Column[];
  enabled: (p: Placed) => boolean;
  onDrop(p: Placed, target: { col: number; startMin: number }): void;
}) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const colWidth = () =>
    ((bodyRef.current?.getBoundingClientRect().width ?? 0) - GUTTER_PX) /
    Math.max(1, columns.length);
  const dropTarget = (p: Placed, d: Drag) => {
    const col = Math.min(columns.length - 1, Math.max(0, p.col + Math.round(d.dx / colWidth())));
    const delta = Math.round(d.dy / PX_PER_MIN / SNAP_MIN) * SNAP_MIN;
    const startMin = Math.min(24 * 60 - SNAP_MIN, Math.max(0, p.startMin + delta));
    return { col, startMin };
  };
  const onPointerDown = (e: ReactPointerEvent, p: Placed) => {
    if (e.button !== 0 || !enabled(p)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({
      id: p.booking.id,
      pointerId: e.pointerId,
      x0: e.clientX,
      y0: e.clientY,
      dx: 0,
      dy: 0,
      moved: false,
    });
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const dx = e.clientX - drag.x0;
    const dy = e.clientY - drag.y0;
    setDrag({ ...drag, dx, dy, moved: drag.moved || Math.hypot(dx, dy) > 5 });
  };
  const justDragged = useRef(false);
  const onPointerUp = (e: ReactPointerEvent, p: Placed) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    setDrag(null);
    if (!drag.moved) return;
    justDragged.current = true;
    setTimeout(() => (justDragged.current = false), 0);
    const t = dropTarget(p, drag);
    if (t.col === p.col && t.startMin === p.startMin) return;
    onDrop(p, t);
  };
  const onPointerCancel = () => setDrag(null);
  return {
    drag,
    dropTarget,
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel,
    justDragged,
  };
}
