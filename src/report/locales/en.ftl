# hifplan's words in English (the default, and the fallback of every other
# language). One message per id; `locales/vi.ftl` has the same ids. The
# domain terms are listed in docs/glossary.md.
#
# Arguments arrive formatted (numbers with their separators, money in the
# display unit); `$money` is the money label ("billion VND").

## Statuses and common words

status-optimal = OPTIMAL
status-infeasible = INFEASIBLE
status-unbounded = UNBOUNDED
status-error = ERROR
no-plan-lower = no plan
no-detail = no detail
in-year = in { $year }
in-region = in { $region }
points = { $value } pts
funder-hif = HIF
funder-hif-full = the health-insurance fund itself
region-national = national
currency-vnd = VND
money-unit-thousand = thousand
money-unit-million = million
money-unit-billion = billion
money-unit-trillion = trillion
unit-dalys = DALYs
unit-coverage-point = coverage point
unit-ratio-point = ratio point (0.01)
unit-resource = unit of { $resource }
one-money = 1 { $money }
one-point = 1 point
one-unit = 1 unit

## The objective

objective-dalys = DALYs averted beyond current coverage, { $span }, discounted at { $rate }%/yr (maximised)
objective-net-benefit = net benefit: DALYs valued at { $value } { $currency } each plus curative costs avoided minus extra prevention spending, { $span }, discounted at { $rate }%/yr (maximised)
objective-cost = prevention spending from all funders, { $span }, discounted at { $rate }%/yr (minimised)
objective-hif-cost = the fund's own prevention spending, { $span }, discounted at { $rate }%/yr (minimised)

effect-none = leave the objective as it is
effect-dalys-more = avert { $x } more DALYs
effect-dalys-fewer = avert { $x } fewer DALYs
effect-net-benefit-more = add { $x } { $money } of net benefit
effect-net-benefit-less = take { $x } { $money } off the net benefit
effect-cost-more = cost { $x } { $money } more in prevention spending
effect-cost-less = save { $x } { $money } of prevention spending
effect-hif-cost-more = cost the fund { $x } { $money } more
effect-hif-cost-less = save the fund { $x } { $money }

## A lever moved one unit (relaxed: more; tightened: less)

lever-income-more = 1 { $money } more for the fund in { $year } (revenue or other income, or that much less curative spending)
lever-income-less = 1 { $money } less for the fund in { $year }
lever-floor-more = a reserve floor 1 { $money } lower in { $year }
lever-floor-less = a reserve floor 1 { $money } higher in { $year }
lever-source-more = 1 { $money } more from { $source } in { $year }
lever-source-less = 1 { $money } less from { $source } in { $year }
lever-cap-more = a coverage cap (coverage.max) for { $program } 1 point higher in { $year }
lever-cap-less = a coverage cap (coverage.max) for { $program } 1 point lower in { $year }
lever-target-more = a { $year } target for { $program } 1 point lower
lever-target-less = a { $year } target for { $program } 1 point higher
lever-min-more = a minimum coverage (coverage.min) for { $program } 1 point lower in { $year }
lever-min-less = a minimum coverage (coverage.min) for { $program } 1 point higher in { $year }
lever-pace-up-more = a scale-up limit (max_scale_up) for { $program } 1 point a year higher
lever-pace-up-less = a scale-up limit (max_scale_up) for { $program } 1 point a year lower
lever-pace-down-more = a scale-down limit (max_scale_down) for { $program } 1 point a year higher
lever-pace-down-less = a scale-down limit (max_scale_down) for { $program } 1 point a year lower
lever-capacity-more = 1 unit more of { $resource } capacity in { $year }
lever-capacity-less = 1 unit less of { $resource } capacity in { $year }
lever-equity-more = an equity ratio (policy.equity_ratio) 1 point lower
lever-equity-less = an equity ratio (policy.equity_ratio) 1 point higher
lever-key-higher = `{ $key }`{ $year } { $one } higher
lever-key-lower = `{ $key }`{ $year } { $one } lower

subject-income = the fund's money in { $year }
subject-floor = the reserve floor in { $year }
subject-source = what { $source } gives in { $year }
subject-cap = coverage.max of { $program } in { $year }
subject-target = the { $year } target of { $program }
subject-min = coverage.min of { $program } in { $year }
subject-pace-up = the scale-up limit of { $program }
subject-pace-down = the scale-down limit of { $program }
subject-capacity = the capacity of { $resource } in { $year }
subject-equity = the equity ratio

price-would = { $change } would { $effect }
price-not-possible = { $change } is not possible
price-other-way = , and { $one } the other way would { $effect }
price-other-way-no-plan = , and { $one } the other way leaves no plan

## Failures and notes

failure-too-large = the model has { $columns } columns, beyond the { $max } that { $backend } handles in reasonable time; use --solver highs (a build with --features highs, see README)
failure-numerical = numerical trouble: the solver's answer violates { $at } by { $violation } (scaled), above the tolerance { $tolerance }
note-status-quo-infeasible = status quo not computed: even at current coverage the earmarked sources and the fund cannot pay for current prevention (check each source's `funded_by`)
note-status-quo-failed = status quo not computed: its solve ended { $status }
note-verified = verified: { $checks } checks of C1–C9 and the objective passed, recomputed from the reported numbers
note-verification-failed = VERIFICATION FAILED: { $failed } of { $checks } checks
note-bad-scaling = the model's coefficients span { $ratio } (from { $small }, { $small_at }, to { $large }, { $large_at }), beyond { $limit }: accuracy may suffer; check the units of the keys behind them (population, unit_cost, use, money_unit)
note-simplex-fallback = solved by the simplex fallback (microlp) after Clarabel could not certify an optimum; prices are measured by re-solving as always
note-overturned = the solver first answered { $first }; a second solve (rescaled, or another method) found a checked optimum, reported here
note-face-fell-back = the optimal face did not keep the optimum ({ $why }); the canonical solve used the objective row
note-canonical-not-used = canonical second solve not used ({ $why }); the end-of-horizon reserve is not maximised among the optimal plans

## Fixes: what would make a plan possible

fix-income = the fund needs { $amount } { $money } more in { $year } to keep every reserve above its floor
fix-floor = the reserve floor in { $year } would need to be at most { $needed } instead of { $now }
fix-source = { $source } would need { $amount } { $money } more in { $year } ({ $now } → { $needed })
fix-cap = coverage.max of { $program } in { $year } would need to be { $needed } instead of { $now }
fix-target = the { $year } target for { $program } ({ $now }) is reachable only up to { $needed }
fix-min = the minimum coverage of { $program } in { $year } ({ $now }) can be at most { $needed }
fix-pace-up = { $program } would need max_scale_up of { $needed } points a year instead of { $now }
fix-pace-down = { $program } would need to scale down by up to { $needed } points a year, above its limit of { $now } (max_scale_down; policy.no_rollback makes it 0)
fix-capacity = the capacity of { $resource } in { $year } would need to be { $needed } instead of { $now }
fix-equity = the equity ratio would need to be at most { $needed } instead of { $now }
fix-key = `{ $key }`{ $year } would need to be { $needed } instead of { $now }
fix-premium-rate = {" "}(or a premium rate of { $needed }% instead of { $now }% in { $year })
impossible-above-cap = The status quo is impossible: the current coverage of { $program }{ $region } ({ $current }) is above its coverage.max in { $year } ({ $cap }), and max_scale_down lets it fall by at most { $down } points a year.

## Why there is no plan

summary-infeasible = No plan meets every constraint.
summary-unbounded = The objective can grow without limit: a programme with no cost or no bound. Check unit costs and coverage bounds.
summary-error = The solver failed: { $detail }
summary-status-quo-breach = Even with coverage frozen at current levels the reserve falls below its floor in { $year }: { $reserve } against a floor of { $floor } ({ $short } { $money } short), before any new prevention spending.
explain-least-change-verified = The least change overall (priced in money), applied all together and re-solved: a plan exists.
explain-least-change-approximate = The least change overall (priced in money); applied all together and re-solved, the scenario is still infeasible (a numerical edge): treat it as approximate.
explain-to-apply = To apply it: { $set }
explain-floor-months = Or, with everything else as it is: a reserve floor of at most { $needed } months instead of { $now } (re-solved).
explain-conflict-one = Conflict { $k }: { $name } cannot hold as it is
explain-conflict-many = Conflict { $k } — these cannot all hold: { $names }
explain-any-one-resolves = Any one of these changes resolves it, and leaves a plan (each re-solved on its own):
explain-each-resolves = Each of these resolves this conflict; where marked, it also leaves a plan on its own (re-solved); otherwise other conflicts remain:
explain-on-its-own = (on its own: a plan exists)
explain-note = Note: { $note }
explain-nothing-relaxes = even relaxing every target, minimum coverage, pace limit, source amount, capacity, the equity ratio and the fund's money in every year leaves no plan: check coverage bounds fixed by min = max, and each programme's funded_by
explain-failed = the infeasibility analysis failed: { $error }
explain-too-many-levers = { $levers } relaxable limits: conflicts were not isolated (limit { $limit }); the least combined change is given
break-even-enters = { $program } enters the funded set when { $key } rises past { $value } ({ $change } of the scenario's value)
break-even-leaves = { $program } leaves the funded set when { $key } rises past { $value } ({ $change } of the scenario's value)

## The table view (run)

table-status-objective = Status: { $status }. Objective: { $value } { $unit }
table-status-no-plan = Status: { $status }. No plan.
table-fund-title = The fund per year ({ $money })
table-status-quo-title = Balancing capacity: the fund with coverage frozen at current ({ $money })
table-sources-title = Earmarked sources ({ $money })
table-binding = Binding constraints: { $list }
table-note = Note: { $note }
table-footer-scenario = scenario { $name }
table-prices-title = What the limits cost (each measured by re-solving with the limit moved one unit; objective changes discounted)
table-prices-money = money and capacity
table-prices-coverage = coverage and ratios
table-prices-more = … and { $n } more (see --format json or shadow_prices.csv)
table-unmeasured = ({ $n } more binding limits not priced: --prices all measures every one)
table-money-value-title = What 1 { $money } more for the fund is worth, by the year it comes (measured)
table-coverage-title = Coverage (share of the target population)
table-coverage-title-national = Coverage (share of the target population, national)
table-spending-title = Prevention spending per programme ({ $money })
table-dalys-title = DALYs averted beyond current coverage (undiscounted)
row-total = total
col-year = year
col-revenue = revenue
col-other = other
col-curative = curative
col-mgmt = mgmt
col-offsets = offsets
col-hif-prevention = HIF prevention
col-reserve = reserve
col-floor = floor
col-headroom = headroom
col-months = months
col-source = source
col-available = available
col-used = used
col-carried = carried
col-lapsed = lapsed
col-programme = programme
col-current = current

col-total = total
table-funders-title = Who pays: prevention spending by funder ({ $money })
col-funder = funder

## CSV headers (English headers are the JSON keys; these are the units)

unit-months = months
unit-share = share of the target population
unit-persons = persons
unit-per-lever-unit = { $objective } per unit of the lever
csv-from = from { $funder }
csv-year = year
csv-tail = tail
csv-revenue = revenue
csv-other-income = other_income
csv-curative-spending = curative_spending
csv-management-cost = management_cost
csv-offsets = offsets
csv-hif-prevention = hif_prevention
csv-reserve = reserve
csv-floor = floor
csv-headroom = headroom
csv-months-of-reserve = months_of_reserve
csv-source = source
csv-available = available
csv-used = used
csv-carried = carried
csv-lapsed = lapsed
csv-constraint = constraint
csv-value = value
csv-relax = relax
csv-tighten = tighten
csv-key-path = key_path
csv-unit = unit
csv-meaning = meaning
csv-program = program
csv-region = region
csv-coverage = coverage
csv-persons = persons
csv-spending = spending
csv-dalys-averted = dalys_averted
csv-program-name = program_name
csv-region-name = region_name
csv-scenario = scenario
csv-scenario-sha256 = scenario_sha256
csv-solver = solver
csv-status = status
csv-explanation = explanation

## The plan in one paragraph

list-and = and
summary-program-to = { $program } (from { $from } to { $to })
summary-nothing-expanded = The plan expands no programme beyond current coverage.
summary-expands = The plan expands { $list } by { $year }.
summary-stay = { $list } stay at current coverage.
summary-from = { $amount } from { $funder }
summary-spends = Over { $span } it spends { $total } { $money } on prevention: { $list }.
summary-averts = It averts { $dalys } DALYs (undiscounted), on average { $per }.
per-daly = { $amount } { $money } per DALY averted
summary-headroom = The reserve is closest to its floor in { $year } ({ $headroom } { $money } above it).
summary-binds = What stops the plan going further, by measured price: { $list }.
summary-binds-unpriced = { $n } limits bind; their prices were not measured (--prices all).

## Workbook

xlsx-subject = Prevention spending plan of the health-insurance fund
xlsx-failed = The workbook could not be written: { $error }
xlsx-provenance = scenario { $scenario } · SHA-256 { $sha } · hifplan { $version } · solver { $solver }
xlsx-title = Prevention spending plan: { $scenario }
xlsx-sheet-summary = Summary
xlsx-sheet-fund = Fund per year
xlsx-sheet-status-quo = Balancing capacity
xlsx-sheet-sources = Earmarked sources
xlsx-sheet-coverage = Coverage
xlsx-sheet-spending = Spending
xlsx-sheet-funders = Spending by funder
xlsx-sheet-dalys = DALYs averted
xlsx-sheet-allocations = By region
xlsx-sheet-prices = Prices
xlsx-sheet-binding = Binding limits
xlsx-allocations-title = Coverage, spending and DALYs per programme, region and year
xlsx-binding-title = Limits that bind the plan (their prices are on the Prices sheet)
xlsx-col-status-quo-reserve = reserve at current coverage
xlsx-col-tail = tail year (after the horizon, coverage held)
xlsx-tail-yes = tail
xlsx-col-what = what
xlsx-col-value = value
xlsx-col-limit = limit
xlsx-col-set = to reproduce (--set)
xlsx-scenario = Scenario
xlsx-description = Description
xlsx-objective = Objective
xlsx-objective-means = The objective measures
xlsx-summary = The plan in brief
xlsx-why-no-plan = Why there is no plan
xlsx-note = Note
xlsx-money-unit = Money shown in
xlsx-hifplan-version = hifplan version
xlsx-solver-version = Solver version
xlsx-programme-id = programme `{ $id }`
xlsx-funder-id = funder `{ $id }`
xlsx-region-id = region `{ $id }`
chart-reserve-title = Reserve against its floor ({ $money }, end of year)
chart-reserve-plan = reserve (plan)
chart-floor = floor
chart-reserve-status-quo = reserve at current coverage

## The comparison

cmp-title = Comparison of the scenarios
cmp-sheet = Comparison
cmp-provenance = scenarios (SHA-256): { $list }
cmp-col-difference = { $name }: difference from the baseline
cmp-status = status
cmp-objective = objective
cmp-objective-value = value
cmp-dalys = DALYs averted (undiscounted)
cmp-cost-per-daly = average cost per DALY averted, all funders ({ $money })
cmp-cost-per-daly-programme = average cost per DALY averted, by programme ({ $money })
cmp-total-spending = prevention spending, all funders ({ $money })
cmp-premium-rate = premium rate
cmp-premium-revenue = premium revenue over the horizon ({ $money })
cmp-premium-per-member = premium per member per month ({ $currency })
cmp-lowest-headroom = lowest headroom ({ $money })
cmp-in-year = { $value } in { $year }
cmp-end-reserve = end reserve ({ $money })
cmp-coverage-last = coverage in the last year
cmp-deltas-note = In brackets: the difference from { $baseline } (coverage and premium rates in percentage points).
cmp-what-differs = What differs in { $name } from { $base }:
cmp-more-differences = … and { $n } more (see --format json)
cmp-no-plan-infeasible = no plan meets every constraint
cmp-no-plan = no plan ({ $status })
cmp-no-plan-breach = ; even at current coverage the reserve falls { $short } { $money } short of its floor in { $year }
cmp-no-plan-least-change = ; the least change moves { $list }

## Sweeps

sweep-optimal = optimal
sweep-infeasible = infeasible
sweep-unbounded = unbounded
sweep-error = error
sweep-cancelled = cancelled
sweep-col-status = status
sweep-col-objective = objective ({ $unit })
sweep-col-hif = HIF prevention ({ $money })
sweep-col-lowest-headroom = lowest headroom
sweep-col-lowest-headroom-year = year of the lowest headroom
sweep-col-end-reserve = end reserve
sweep-col-bar = objective, from zero
sweep-bar-note = Bars from zero: a full bar (20 blocks) is { $top }; ✗ marks a point without a plan.
sweep-moves = From { $key } = { $from } to { $to } the objective moves from { $z0 } to { $z1 } { $unit } ({ $change }).
sweep-grid-title = Objective ({ $unit }) over the grid
sweep-title = Sweep of { $scenario }
sweep-sheet = Sweep
sweep-provenance = scenario { $scenario } · solver { $solver } · each point's SHA-256 is in its row

## Sensitivity

param-premium-rate = premium rate, { $year } only
param-source = { $source }: amount
param-unit-cost = { $program }: unit cost
param-dalys = { $program }: DALYs averted per person-year
param-floor-months = reserve floor (months)
param-discount-rate = discount rate
sens-title = Sensitivity of { $scenario } — objective { $value } { $unit } at the base
sens-nothing = no parameters to vary
sens-col-parameter = parameter
sens-col-base = base value
sens-col-swing = swing
sens-col-tornado = tornado
sens-not-solved = not solved
sens-break-evens = Break-even points (a programme enters or leaves the funded set):
sens-prices = Prices (objective per unit, small steps) and the range over which each holds:
sens-col-lever = lever
sens-col-relax = relaxing gains
sens-col-tighten = tightening costs
sens-col-for-up-to = for up to
sens-col-basis-relax = basis holds: relaxing
sens-col-basis-tighten = tightening
sens-beyond = (beyond 10× its size)
sens-unlimited = unlimited
sens-method-line = Method: { $method }.
sens-method = re-solved with { $backend } at every point; break-even points by bisection to 1e-4 of the factor; prices measured by re-solving with each lever moved a small step each way, and their ranges by re-solving stretch by stretch until a stretch's rate differs from the price beyond the solver's accuracy; { $basis }
sens-method-basis = the basis ranges are { $backend }'s ranging (how far a bound moves with the optimal basis unchanged: the rate holds at least that far)
sens-method-no-basis = no basis ranging ({ $backend } gives none, or no rate is unique)
sens-sheet = Sensitivity
sens-sheet-break-evens = Break-even points

## The HTML report (messages `html-*` without arguments reach the
## template as `m.html_…`)

html-title = Prevention spending plan: { $names }
html-lead = How the health-insurance fund can phase in prevention spending without its reserve falling below the floor.
html-several = { $n } scenarios, solved with the same model and drawn on the same axes; the comparison comes first, then one section per scenario.
html-styles = Line styles
html-style-solid = solid: a reserve (or a coverage path)
html-style-dashed = dashed: a reserve floor
html-style-dotted = dotted: the reserve with coverage frozen at current levels
html-comparison = Comparison of the scenarios
html-toc-comparison = Comparison of the scenarios (measured against { $baseline })
html-cmp-lead = Headline numbers of each scenario; below each number, its difference from { $baseline } (the baseline): money in the money unit, coverage and premium rates in percentage points.
html-baseline = baseline
html-added = added
html-removed = removed
html-was = was
html-not-in-charts = Not in the charts (no plan): { $list }.
html-in-brief = In brief.
html-objective = Objective
html-no-value = no value
html-years = Years
html-years-money = { $span }; money in { $money }
html-scenario-file = Scenario file
html-sha = Scenario SHA-256
html-solver = Solver
html-solver-line = { $solver } ({ $version }), solved in { $time }; hifplan { $hifplan }
html-no-plan = No plan
html-why = Why the plan stops where it does
html-more-limits = … and { $n } more limits (every price: hifplan run --format json, or the workbook's Prices sheet).
html-programmes = Programmes
html-funders = Funders
html-average = average
html-notes = Notes
html-scenario-heading = Scenario { $n }: { $name }
html-footer = Written by hifplan { $version }. Every number comes from the solved plans; each scenario is identified by the SHA-256 of its resolved form (hifplan resolve). The page needs no network and no script.
html-chart-funders = Prevention spending by funder ({ $money } per year)
html-chart-coverage = National coverage per programme (% of the target population)
html-chart-coverage-of = { $program } (% covered)
html-chart-dalys = DALYs averted per programme (DALYs per year, undiscounted)
html-chart-dalys-total = DALYs averted per programme over { $span } (DALYs, undiscounted)
html-chart-reserves = Reserve of each scenario against the floor ({ $money }, end of year)
html-chart-tornado = What the objective depends on (change in { $unit }, from { $base })
html-axis-covered = % covered
html-axis-tornado = change in the objective ({ $unit })
html-parameter-at = parameter at { $change }
html-no-plan-status = no plan ({ $status })
html-floor-of = floor: { $name }
html-note-reserve = The plan keeps the reserve (solid) on or above the floor (dashed). The dotted line is the reserve with coverage frozen at current levels: the fund's balancing capacity before new prevention.
html-note-funders = All prevention spending on the programmes, stacked by who pays it: the fund and each earmarked source.
html-note-coverage = Persons covered over the target population, both summed over regions.
html-note-dalys = Disability-adjusted life years averted beyond what current coverage already achieves.
html-note-dalys-total = Totals over the horizon, beyond what current coverage already achieves.
html-note-reserves-same-floor = One solid line per scenario; the dashed line is the floor they share.
html-note-reserves = One solid line per scenario; the dashed lines are each scenario's floor, in its colour.
html-note-tornado = Each scalar moved on its own, re-solving each time; ✗ marks an end where the scenario has no plan; no bar means no change.
html-year-table = Year by year ({ $money })
html-col-envelope = envelope
html-col-other-funders = other funders
html-note-envelope = Revenue includes other income. The envelope is a flow: what the fund could spend on prevention in the year and keep its reserve exactly on the floor (revenue − curative − management + offsets − the floor's rise; the first year also counts what the opening reserve holds above the floor). The fund's prevention spending is at most the envelope summed so far; the headroom is the difference.
html-fact-dalys = DALYs averted, { $span } (undiscounted)
html-fact-spending = Prevention spending, all funders ({ $money })
html-fact-hif = of which the fund's own ({ $money })
html-fact-per-daly = Average cost per DALY averted
html-fact-headroom = Lowest headroom over the floor ({ $money })
csv-objective = objective
csv-objective-unit = objective_unit
csv-objective-kind = objective_kind
csv-file = file
csv-error = error
csv-total-spending = total_spending
csv-cost-per-daly = cost_per_daly
csv-premium-revenue = premium_revenue
csv-lowest-headroom-year = lowest_headroom_year
csv-lowest-headroom = lowest_headroom
csv-end-reserve = end_reserve

## Bad-input messages: English patterns (as the scenario layer writes
## them) and, in other languages, their translations. A diagnostic's text
## is translated where a pattern matches; the rest stays English.

diag-error = error:{" "}
diag-warning = warning:{" "}
diag-note = = note:{" "}
diag-help = = help:{" "}
diag-expected-found = expected { $what }, found { $found }
diag-expected-one-of = expected one of: { $list }
diag-unknown-key = unknown key `{ $key }`
diag-missing-key = missing required key `{ $key }`
diag-required-here = `{ $key }` is required here
diag-did-you-mean = did you mean `{ $word }`?
diag-not-a-key = not a key hifplan knows here
diag-scenario-starts = the scenario starts here
diag-nothing-here = nothing here
diag-nothing-given = nothing given here
diag-empty = `{ $key }` is empty: expected { $what }
diag-a-number-ge0 = a number ≥ 0
diag-a-number-gt0 = a number > 0
diag-a-fraction = a fraction between 0 and 1
diag-a-list = a list
diag-a-mapping = a mapping
diag-the-text = the text
diag-the-number = the number
diag-too-many = too many entries
diag-implausibly-large = implausibly large
diag-year-out-of-range = year out of range
diag-not-valid-yaml = this is not valid YAML: { $what }
diag-value-not-valid-yaml = this value is not valid YAML
diag-parser-stopped = the YAML parser stopped here
diag-duplicate-key = duplicate key `{ $key }` in the same mapping
diag-second-occurrence = second occurrence
diag-cannot-read = cannot read `{ $file }`: { $what }
diag-cannot-set = cannot set `{ $key }`: { $what }
diag-tab = a tab is used for indentation; YAML indents with spaces only
diag-horizon = the horizon ends ({ $to }) before it starts ({ $from })
diag-language = expected a language of the views: { $list }; found `{ $found }`
diag-en-or-vi = expected en or vi
diag-file-empty = the file is empty: expected a scenario, a mapping of keys such as years, fund and programs (see scenarios/reference.yaml)
diag-incomplete = the scenario is incomplete
diag-beyond-limit = { $value } is beyond the limit of { $limit }; check the units (money_unit, persons, currency per person)
diag-errors-found = { $n } errors found; nothing was written.
diag-error-found = { $n } error found; nothing was written.
csv-parameter = parameter
csv-base-value = base_value
csv-factor = factor
csv-swing = swing
html-cmp-coverage = Coverage per programme in each scenario (% of the target population)

## After the horizon (tail years, lagged effects, projection)

year-tail = { $year } (tail)
table-accrual-title = DALYs averted by the year they accrue (undiscounted; effects that come later)
table-tail-years = Tail years (fund.sustain_years): coverage held at { $year }'s, every constraint but targets and pace kept, not counted in the objective.
table-projection-title = After the horizon: the plan held at its { $year } coverage, projected (not optimised; earmarked money first, the fund the rest) ({ $money })
note-projection-breach = WARNING: held at its final coverage after the horizon, the plan breaks the reserve floor in { $year }, { $shortfall } short (see the projection; fund.sustain_years makes the plan keep its floor after the horizon)
note-projection-unfunded = WARNING: held at its final coverage after the horizon, { $amount } of programme spending in { $year } has no allowed funder left to pay it

## Decision tools: the league table and the money required

league-title = Cost per DALY averted ({ $currency } per DALY, { $year }), cheapest first: at the first person-year covered, at the plan's margin (the band of its DALY curve the plan is in), and net of the curative spending it avoids
league-rank = rank
league-programme = programme
league-region = region
league-first = first person-year
league-margin = at the margin
league-band = band
league-net = net of offsets
league-coverage = coverage
league-more = … and { $n } more (see --format json, `league`)
required-hint-premium = The least rise of the premium rate from { $from } on that makes it feasible: { $command } (with the same --set, if any).
required-hint-income = The least yearly income added to the fund from { $from } on that makes it feasible: { $command } (with the same --set, if any).
required-hint-share = The least rise of a source's share from { $from } on that makes it feasible: { $command } (with the same --set, if any).
required-premium-per-member = Premium revenue per member per month at that rate (fund.members): { $list }.
required-income-per-member = Income added per member per month: { $list }.
required-goal-objective = an objective of at least { $value } { $unit }
required-goal-feasible = a feasible plan (every target and limit met)
required-what-premium = rise of the premium rate (percentage points of the wage base) in every year from { $from } on
required-what-share = rise of the share of { $source } in every year from { $from } on
required-what-income = amount added to the fund's other income every year from { $from } on
required-none-income = No { $what } gives { $goal }: money is not what is missing (see `hifplan run` for the conflict).
required-none-rate = No { $what } gives { $goal }, not even to 100%: money from this lever alone cannot do it (see `hifplan run` for the conflict).
required-unbounded = The least { $what } is unbounded: the scenario has no lower limit on it.
required-failed = The search failed: { $error }
required-value = The least { $what } for { $goal } is { $value }.
required-value-negative = The least { $what } for { $goal } is { $value } (negative: it could fall by that much).
required-value-at-bound = The least { $what } for { $goal } is { $value }: as low as the lever goes (a rate or share of 0 in one of those years).
required-levels-premium = The scenario's premium rate is { $now }; with it, { $then }.
required-levels-share = The scenario's share is { $now }; with it, { $then }.
required-levels-income = The scenario's other income is { $now }; with it, { $then }.
required-resolved = Re-solved at { $value } (a hair above, as the --set below writes it): { $status }.
required-resolved-objective = Re-solved at { $value } (a hair above, as the --set below writes it): { $status }, objective { $objective } { $unit }.
required-below-none = At { $value } (lower by 1e-4 of the lever's level) there is no plan ({ $status }).
required-below = At { $value } (lower by 1e-4 of the lever's level) the optimum is { $objective } { $unit }.
required-marginal = Each { $step } more would { $effect } (measured over one step).
required-blocked = The lever cannot rise one more { $step }.
required-no-plan = One more { $step } leaves no plan ({ $status }).
required-apply = To apply it: { $set }
required-title = Money required by { $name }: { $lever } from { $from }
required-plan-title = The plan at that value:
required-method = one LP with the lever as a variable, then re-solved at the value, below it and one step above: { $solves } solves with { $solver } in { $seconds } s · scenario { $name } · sha256 { $sha }
lever-points = { $value } percentage points
lever-income = { $value } { $money } a year
lever-in-years = { $value } in { $years }
lever-step-points = 0.1 percentage point
lever-step-income = 1 { $money } a year

## Decision tools: the efficiency frontier

slope-unit = { $objective } per { $money }
slope-with-inverse = { $slope } ({ $cost } { $currency } per DALY)
frontier-every-region = every region
frontier-n-regions = { $n } regions
frontier-band-full = its DALY band full
frontier-program-band = { $program } (DALY band { $band })
frontier-starts = { $what } starts ({ $cells })
frontier-stops = { $what } stops ({ $cells })
frontier-stops-at = { $what } stops ({ $cells }): reaches { $limits }
frontier-span = The least any plan spends is { $least } { $money } (discounted, all funders), for an objective of { $least_objective }; from { $most } { $money } on, more money buys nothing (objective { $most_objective }). { $n ->
    [one] One breakpoint
   *[other] { $n } breakpoints
  } (both ends included), each the optimum of a solve.
frontier-plan-budget = The scenario's own plan, with its prevention budget of { $budget } { $money }, spends { $spent } { $money } for an objective of { $objective }.
frontier-plan = The scenario's own plan spends { $spent } { $money } for an objective of { $objective }.
frontier-incomplete = INCOMPLETE: the search stopped after { $solves } solves; segments may hide breakpoints.
frontier-error-minimises = the frontier is the best objective for each budget; this scenario minimises spending (minimize: cost or hif_cost), which a budget only bounds: use a maximize objective
frontier-error-infeasible = the scenario has no plan at any budget (it is infeasible without one: see `hifplan run`)
frontier-error-no-plan = the scenario has no plan ({ $status })
frontier-error-failed = a solve failed: { $error }
frontier-method = exact breakpoints (Eisner–Severance: each solve confirms a segment or finds a point above it); { $solves } solves with { $solver } in { $seconds } s
frontier-title = Efficiency frontier of { $name }: the optimum for each prevention budget (C8)
frontier-columns = budget: discounted prevention spending of all funders over the planning years ({ $money }); objective: { $objective }; slope: { $slope } to the right of the point
frontier-col-budget = budget
frontier-col-objective = objective
frontier-col-resolved = re-solved
frontier-col-slope = slope
frontier-col-changes = what changes
frontier-grid-point = (grid point)
frontier-provenance = scenario { $name } · sha256 { $sha } · hifplan { $version }
frontier-chart-title = Efficiency frontier of { $name }
frontier-chart-curve = optimum at each budget
frontier-chart-plan = the scenario's own plan
frontier-chart-plan-mark = plan
frontier-chart-x = budget: discounted prevention spending ({ $money })
frontier-html-budget = budget ({ $money })
frontier-html-objective = objective ({ $unit })
frontier-html-slope = slope to the right
frontier-html-changes = what starts or stops there
xlsx-sheet-league = Cost per DALY
xlsx-sheet-frontier = Frontier
xlsx-per-daly-unit = { $currency } per DALY
sweep-col-required = least rise of { $lever } from { $from }
sweep-no-value = none works
unit-percentage-points = percentage points
csv-required-lever = required_lever
csv-required-from = required_from
csv-required-value = required_value
