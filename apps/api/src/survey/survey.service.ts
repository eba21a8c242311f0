import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SurveyAnswerResponse, SurveyFormResponse } from '@mpp/contracts';
import { SURVEY_COMMENT_MAX_LENGTH } from '@mpp/contracts';
import { localDate } from '@mpp/domain';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { DATA_KEY } from '../config/data-key';
import type { SurveyAnswerDto } from './dto/survey.dto';
import { AGE_RANGE_OPTIONS, EDUCATION_OPTIONS, GENDER_OPTIONS, OCCUPATION_OPTIONS, SURVEY_ELEMENTS } from './survey-questionnaire';
import { SurveyTokenSealer, type SurveyTokenClaims } from './survey-token';
import { SurveyMessages } from './survey.messages';
import { SurveyRepository, type SurveySubjectNames } from './survey.repository';

/**
 * The citizen's side of the survey (docs/survey.md): the form a token opens, and the answer that
 * spends it. The answer and the spent token are written in one transaction; the answer keeps the
 * token's site, agency, service and date, and nothing else about who answered.
 */
@Injectable()
export class SurveyService {
  private readonly logger = new Logger(SurveyService.name);
  private readonly sealer: SurveyTokenSealer;

  constructor(
    private readonly repo: SurveyRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    @Inject(DATA_KEY) dataKey: Buffer,
  ) {
    this.sealer = new SurveyTokenSealer(dataKey);
  }

  async form(token: string): Promise<SurveyFormResponse> {
    const { claims, names } = await this.open(token);
    if (await this.repo.isTokenUsed(SurveyTokenSealer.usedHash(claims))) throw ApiException.conflict('SURVEY_ALREADY_ANSWERED', SurveyMessages.tokenUsed);
    return {
      siteName: names.site_name,
      agencyName: names.agency_name,
      service: { name: names.service_name, nameEn: names.service_name_en },
      date: claims.date,
      kind: claims.kind,
      elements: [...SURVEY_ELEMENTS],
      profile: { genders: [...GENDER_OPTIONS], educations: [...EDUCATION_OPTIONS], occupations: [...OCCUPATION_OPTIONS], ageRanges: [...AGE_RANGE_OPTIONS] },
      commentMaxLength: SURVEY_COMMENT_MAX_LENGTH,
    };
  }

  async answer(token: string, dto: SurveyAnswerDto): Promise<SurveyAnswerResponse> {
    const { claims, names } = await this.open(token);
    const comment = dto.comment?.trim() ? dto.comment.trim() : null;
    const today = localDate(this.clock.now(), names.time_zone);
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.spendToken(tx, SurveyTokenSealer.usedHash(claims), SurveyTokenSealer.lastDay(claims)))) {
        throw ApiException.conflict('SURVEY_ALREADY_ANSWERED', SurveyMessages.tokenUsed);
      }
      await this.repo.insertAnswer(tx, {
        siteId: claims.siteId,
        agencyId: claims.agencyId,
        serviceId: claims.serviceId,
        serviceDate: claims.date,
        scores: dto.scores,
        gender: dto.profile?.gender ?? null,
        education: dto.profile?.education ?? null,
        occupation: dto.profile?.occupation ?? null,
        ageRange: dto.profile?.ageRange ?? null,
        commentCipher: comment ? this.cipher.encrypt(comment) : null,
      });
    });
    // After the commit, and never the caller's failure: spent tokens past their last day go.
    try {
      await this.repo.purgeExpiredTokens(today);
    } catch (error) {
      this.logger.warn(`survey token purge failed: ${(error as Error).message}`);
    }
    return { thanks: SurveyMessages.thanks };
  }

  /** An intact token of a service that still exists, not past its last day. */
  private async open(token: string): Promise<{ claims: SurveyTokenClaims; names: SurveySubjectNames }> {
    const claims = this.sealer.open(token);
    const names = claims ? await this.repo.findSubjectNames(claims.siteId, claims.agencyId, claims.serviceId) : null;
    if (!claims || !names) throw ApiException.notFound('SURVEY_NOT_FOUND', SurveyMessages.tokenInvalid);
    if (localDate(this.clock.now(), names.time_zone) > SurveyTokenSealer.lastDay(claims)) {
      throw ApiException.unprocessable('SURVEY_CLOSED', SurveyMessages.tokenExpired);
    }
    return { claims, names };
  }
}
