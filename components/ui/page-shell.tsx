import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { Fragment } from "react";
import { PageHeader } from "./page-header";

/** How wide a console page may grow, narrowest first; "full" is the width of the event and activity pages. */
const WIDTHS = {
  xs: "max-w-2xl",
  sm: "max-w-3xl",
  md: "max-w-5xl",
  lg: "max-w-6xl",
  xl: "max-w-7xl",
  full: "max-w-[1400px]",
} as const;

export type PageWidth = keyof typeof WIDTHS;

/** One step of a breadcrumb trail: a link to a page above this one, or plain text (this page). */
export interface Crumb {
  label: React.ReactNode;
  href?: string;
}

/**
 * The frame of every console page: its width, the breadcrumbs or a back link, the title with its
 * description and actions, then the page's sections one under another. Without a title (a loading
 * state, a page that says what is missing) only the frame and the links are drawn.
 */
export type PageShellProps = {
  width: PageWidth;
  /** Sections closer together (the data pages). */
  dense?: boolean;
  breadcrumbs?: Crumb[];
  /** The section a page sits below: the breadcrumbs are then that section and this page's title. */
  parent?: Crumb;
  back?: { href: string; label: string };
  title?: string;
  description?: string;
  actions?: React.ReactNode;
  children?: React.ReactNode;
} & Pick<React.HTMLAttributes<HTMLDivElement>, "aria-busy" | "aria-label">;

export function PageShell({ width, dense = width === "full", title, parent, breadcrumbs = parent && [parent, { label: title }], back, description, actions, children, ...frame }: PageShellProps) {
  return (
    <div className={`mx-auto ${WIDTHS[width]} ${dense ? "space-y-4" : "space-y-6"}`} {...frame}>
      {breadcrumbs && (
        <nav aria-label="Breadcrumb" className="text-slate-500">
          {breadcrumbs.map((c, i) => (
            <Fragment key={i}>
              {i > 0 && " › "}
              {c.href ? (
                <Link href={c.href} className="hover:underline">
                  {c.label}
                </Link>
              ) : (
                c.label
              )}
            </Fragment>
          ))}
        </nav>
      )}
      {back && (
        <Link href={back.href} className="inline-flex items-center gap-1 text-slate-600 hover:text-orange-700">
          <ArrowLeft className="size-4" aria-hidden /> {back.label}
        </Link>
      )}
      {title !== undefined && <PageHeader title={title} description={description} actions={actions} />}
      {children}
    </div>
  );
}
