/** A site as auth sees it: what scopes an account or a device. */
export interface DirectorySite {
  id: string;
  code: string;
}

/** An agency as auth sees it: the site it belongs to. */
export interface DirectoryAgency {
  id: string;
  siteId: string;
}

/**
 * What auth reads from the catalogue, retired sites and agencies included (an account or device
 * keeps its scope). The catalogue implements it (CatalogueSiteDirectory) and the root module binds
 * it, so auth imports nothing of the catalogue, which depends on auth for its guards.
 */
export abstract class SiteDirectory {
  abstract findSiteByCode(code: string): Promise<DirectorySite | null>;
  abstract findSiteById(id: string): Promise<DirectorySite | null>;
  abstract findAgencyById(id: string): Promise<DirectoryAgency | null>;
}
