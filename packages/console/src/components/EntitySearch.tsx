import { useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from './ErrorMessage.js';

export interface Found {
  id: string;
  /** What the pick button says, e.g. the username. */
  name: string;
  /** More to tell matches apart, e.g. the display name. */
  detail?: string;
}

/**
 * A search box over a server-filtered list: what is typed is sent (after a pause) to `search`,
 * which asks the API for a few matches; each match is a button that picks it. Nothing is
 * loaded before something is typed, so it stays fast however long the list is.
 */
export function EntitySearch({
  label,
  noun,
  picked,
  onPick,
  search,
}: {
  /** The search box's label, e.g. "User". */
  label: string;
  /** Plural, for the list's name: "users". */
  noun: string;
  picked: Found | undefined;
  onPick: (found: Found | undefined) => void;
  search: (text: string) => Promise<Found[]>;
}) {
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<Found[] | undefined>();
  const [error, setError] = useState<unknown>();
  const searchRef = useRef(search);
  searchRef.current = search;
  const inputId = useId();
  useEffect(() => {
    const typed = text.trim();
    if (typed === '') {
      setMatches(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      searchRef.current(typed).then(
        (found) => {
          if (current) {
            setMatches(found);
            setError(undefined);
          }
        },
        (caught: unknown) => current && setError(caught),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <div className="entity-search">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="search"
        value={text}
        placeholder={`Search ${noun}`}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter picks the only match, and never submits the form around the search.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (matches?.length === 1) {
            onPick(matches[0]);
            setText('');
          }
        }}
      />
      {picked && (
        <p className="picked">
          <span>
            Picked: <strong>{picked.name}</strong>
            {picked.detail && ` (${picked.detail})`}
          </span>{' '}
          <button type="button" onClick={() => onPick(undefined)} aria-label={`Unpick ${picked.name}`}>
            Clear
          </button>
        </p>
      )}
      <ErrorMessage error={error} />
      {matches && matches.length === 0 && (
        <p role="status">
          No {noun} match “{text.trim()}”.
        </p>
      )}
      {matches && matches.length > 0 && (
        <ul className="matches" aria-label={`Matching ${noun}`}>
          {matches.map((match) => (
            <li key={match.id}>
              <button
                type="button"
                onClick={() => {
                  onPick(match);
                  setText('');
                }}
              >
                {match.name}
                {match.detail && <span className="detail"> ({match.detail})</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
