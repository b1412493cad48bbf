// The first screen: who is logged in, asked of the server, and the login form when nobody is. Plain React and a few
// styles, so that it is up before the application's components (Ant Design, the charts) have been fetched at all;
// they load when someone is in (load-application.ts).
import { lazy, Suspense } from 'react';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { loadApplication } from './load-application.ts';
import { LoadFailure } from './LoadFailure.tsx';
import { SessionProvider, useSession } from './session.tsx';

const Application = lazy(() => loadApplication().then((m) => ({ default: m.App })));

function Waiting() {
  return (
    <div role="status" style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', color: 'rgba(0,0,0,0.45)' }}>
      正在加载…
    </div>
  );
}

function Gate() {
  const { session, loading } = useSession();
  if (loading) return <Waiting />;
  if (!session) return <LoginPage />;
  return (
    <LoadFailure>
      <Suspense fallback={<Waiting />}>
        <Application />
      </Suspense>
    </LoadFailure>
  );
}

export function Root() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
