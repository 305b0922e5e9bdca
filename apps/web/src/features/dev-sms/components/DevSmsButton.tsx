import { lazy, Suspense, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { onSmsSent } from '../../../lib/sms-fill';
import { useOutbox } from '../api/outbox';

const DevSmsPanel = lazy(() => import('./DevSmsPanel'));

/**
 * 开发短信: in development the SMS codes go to an outbox instead of phones. The panel appears
 * only when GET /api/dev/sms-outbox answers, and is fetched only then (production never loads it).
 */
export function DevSmsButton() {
  const probe = useOutbox(undefined, false);
  const qc = useQueryClient();

  useEffect(
    () =>
      onSmsSent(() => {
        void qc.invalidateQueries({ queryKey: ['dev-sms-outbox'] });
      }),
    [qc],
  );

  if (!probe.isSuccess) return null;
  return (
    <Suspense fallback={null}>
      <DevSmsPanel />
    </Suspense>
  );
}
