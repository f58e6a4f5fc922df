# R's side of `npm run bench -- scoring`: every community's resident score and its standard error,
# by the survey package's fastest route, one svymean per community (svyby over the whole design is
# slower), with the design Manyi's estimator documents (packages/scoring/src/residentEstimates.ts):
# strata = grids, weight = grid population / valid respondents of the grid (all of them, with or
# without a score), 1 where the population is unknown; respondents without a grid form one stratum
# per community; a grid of one respondent is taken with certainty; no finite population correction.
# A design per community over its own rows gives the same mean and SE as the domain estimate over
# the whole sample, since grids lie within one community.
#
# Usage: Rscript svymeanPerCommunity.R RESPONDENTS.csv OUT.csv
#   in:  respondent, community, grid, grid_population, score (empty = none / unknown)
#   out: community, score, se (%.17g); the computation's seconds on stdout as `seconds=S`
suppressMessages(library(survey))
options(survey.lonely.psu = "certainty")
args <- commandArgs(trailingOnly = TRUE)

d <- read.csv(args[1], colClasses = c("character", "character", "character", "numeric", "numeric"),
              na.strings = "")
started <- proc.time()[["elapsed"]]
d$grid <- ifelse(is.na(d$grid), paste0(d$community, " (无网格)"), d$grid)
d$weight <- ifelse(is.na(d$grid_population), 1,
                   d$grid_population / ave(rep(1, nrow(d)), d$grid, FUN = length))
communities <- split(d, d$community)
estimates <- lapply(communities, function(rows) {
  if (all(is.na(rows$score))) return(c(NA, NA))
  design <- svydesign(ids = ~1, strata = ~grid, weights = ~weight, data = rows)
  m <- svymean(~score, design, na.rm = TRUE)
  c(coef(m)[[1]], SE(m)[[1]])
})
seconds <- proc.time()[["elapsed"]] - started

full <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
out <- data.frame(community = names(communities),
                  score = full(vapply(estimates, `[`, 0, 1)),
                  se = full(vapply(estimates, `[`, 0, 2)))
write.csv(out, args[2], row.names = FALSE, quote = FALSE)
cat(sprintf("seconds=%.3f\n", seconds))
