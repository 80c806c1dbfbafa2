/* reception.c - approval, intervals, weighted scores and bands; see reception.h. */
#include "reception/reception.h"

#include <math.h>
#include <string.h>

#include "core/banned.h"

#define Z95 1.959963984540054

const char *reception_band(int score)
{
	return score >= 81   ? "universal acclaim"
	       : score >= 61 ? "generally favorable"
	       : score >= 40 ? "mixed or average"
	       : score >= 20 ? "generally unfavorable"
	                     : "overwhelming dislike";
}

int reception_round(double x)
{
	/* a hair of tolerance so 72.5 computed as 72.49999... still rounds up */
	return (int)floor(x + 0.5 + 1e-9);
}

/* The 95% Wilson score interval of k successes in n, as shares. */
static void wilson(int k, int n, double *low, double *high)
{
	double p = (double)k / n, z2 = Z95 * Z95, denom = 1 + z2 / n;
	double centre = (p + z2 / (2.0 * n)) / denom;
	double half = Z95 * sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
	*low = centre - half < 0 ? 0 : centre - half;
	*high = centre + half > 1 ? 1 : centre + half;
}

void reception_compute(const struct scored_review *r, size_t n, double prior, bool season,
                       struct reception *out)
{
	memset(out, 0, sizeof(*out));
	double score_sum = 0, weight_sum = 0, avg_sum = 0;
	int avg_n = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].in_approval) {
			out->reviews++;
			out->fresh_count += r[i].fresh;
			out->top_critics += r[i].top_critic;
			if (r[i].normalised >= 0) {
				avg_sum += r[i].normalised;
				avg_n++;
			}
		}
		if (r[i].in_weighted && r[i].normalised >= 0) {
			out->score_reviews++;
			score_sum += r[i].weight * r[i].normalised;
			weight_sum += r[i].weight;
		}
	}
	if (out->reviews) {
		double share = (double)out->fresh_count / out->reviews;
		out->has_approval = out->reviews >= RECEPTION_APPROVAL_MIN;
		out->approval = reception_round(100.0 * share);
		double low, high;
		wilson(out->fresh_count, out->reviews, &low, &high);
		out->approval_low = 100 * low;
		out->approval_high = 100 * high;
		out->fresh = out->approval >= RECEPTION_FRESH_LINE;
		out->uncertain = out->approval_low < RECEPTION_FRESH_LINE &&
		                 out->approval_high > RECEPTION_FRESH_LINE;
		out->certified = season && out->approval >= 75 && out->reviews >= 20 &&
		                 out->top_critics >= 5;
		out->shrunk = 100.0 * (out->fresh_count + RECEPTION_PRIOR_WEIGHT * prior) /
		              (out->reviews + RECEPTION_PRIOR_WEIGHT);
	}
	if (avg_n) {
		out->has_average = true;
		out->average = reception_round(avg_sum / avg_n) / 10.0;
	}
	if (out->score_reviews >= RECEPTION_SCORE_MIN && weight_sum > 0) {
		out->has_score = true;
		out->score = reception_round(score_sum / weight_sum);
		out->band = reception_band(out->score);
	}
}
