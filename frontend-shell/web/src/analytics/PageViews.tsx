import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useAppConfig } from '../frame/appConfig';
import { startGa4, trackPageView } from './ga4';

/** Starts GA4 when the shell reports a measurement id, then sends a page view on every route change. */
export function PageViews() {
  const config = useAppConfig();
  const location = useLocation();
  const measurementId = config.status === 'done' ? config.value.analytics?.ga4?.measurementId : null;
  useEffect(() => {
    if (!measurementId) return;
    startGa4(measurementId);
    trackPageView(location.pathname + location.search);
  }, [measurementId, location.pathname, location.search]);
  return null;
}
