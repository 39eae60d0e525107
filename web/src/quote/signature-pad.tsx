import { useEffect, useRef, useState } from 'react';

/** The PNG a canvas gives, as base64 without the `data:` prefix (what the accept route takes). */
export const pngBase64Of = (canvas: HTMLCanvasElement): string =>
  canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');

/**
 * A signature drawn with a finger, pen or mouse (pointer events, so one code path for all), with
 * Clear. `onChange` gets the canvas once something is drawn, and undefined once cleared.
 */
export function SignaturePad({
  onChange,
  describedBy,
}: {
  onChange: (canvas: HTMLCanvasElement | undefined) => void;
  describedBy?: string | undefined;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | undefined>(undefined);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current!;
    // Draw at the device's resolution (at most 2×: the PNG stays small), scaled to CSS pixels.
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111827';
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = canvasRef.current!.getContext('2d')!;
    const from = last.current ?? to;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    ctx.stroke();
    last.current = to;
  };

  return (
    <div className="qp-pad">
      <canvas
        ref={canvasRef}
        className="qp-canvas"
        role="img"
        aria-label={drawn ? 'Your drawn signature' : 'Signature area: draw your signature here'}
        aria-describedby={describedBy}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = undefined;
          stroke(point(e));
        }}
        onPointerMove={(e) => {
          if (last.current) stroke(point(e));
        }}
        onPointerUp={(e) => {
          if (!last.current) return;
          last.current = undefined;
          setDrawn(true);
          onChange(e.currentTarget);
        }}
        onPointerCancel={() => {
          last.current = undefined;
        }}
      />
      <button
        type="button"
        className="qp-button qp-button-quiet"
        disabled={!drawn}
        onClick={() => {
          const canvas = canvasRef.current!;
          canvas.getContext('2d')!.clearRect(0, 0, canvas.width, canvas.height);
          setDrawn(false);
          onChange(undefined);
        }}
      >
        Clear
      </button>
    </div>
  );
}
