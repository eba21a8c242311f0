import { Injectable } from '@nestjs/common';
import { SiteDirectory, type DirectoryAgency, type DirectorySite } from '../auth/site-directory';
import { CatalogueRepository } from './catalogue.repository';

/** The catalogue's answer to what auth needs of it (bound to SiteDirectory in AppModule). */
@Injectable()
export class CatalogueSiteDirectory extends SiteDirectory {
  constructor(private readonly repo: CatalogueRepository) {
    super();
  }

  async findSiteByCode(code: string): Promise<DirectorySite | null> {
    return toSite(await this.repo.findSiteByCode(code));
  }

  async findSiteById(id: string): Promise<DirectorySite | null> {
    return toSite(await this.repo.findSiteById(id));
  }

  async findAgencyById(id: string): Promise<DirectoryAgency | null> {
    const agency = await this.repo.findAgencyById(id);
    return agency ? { id: agency.id, siteId: agency.siteId } : null;
  }
}

function toSite(site: { id: string; code: string } | null): DirectorySite | null {
  return site ? { id: site.id, code: site.code } : null;
}
