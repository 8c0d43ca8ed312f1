# Lời của hifplan bằng tiếng Việt. Cùng các id như `locales/en.ftl`; thuật
# ngữ theo văn bản về bảo hiểm y tế của Việt Nam, liệt kê trong
# docs/glossary.md (quỹ bảo hiểm y tế, mức đóng, khả năng cân đối quỹ, quỹ
# dự phòng, phòng bệnh, khám sức khỏe định kỳ).
#
# Tham số đã được định dạng sẵn (dấu chấm ngăn nghìn, dấu phẩy thập phân;
# tiền theo đơn vị hiển thị); `$money` là đơn vị tiền ("tỷ đồng").

## Trạng thái và từ chung

status-optimal = TỐI ƯU
status-infeasible = KHÔNG KHẢ THI
status-unbounded = KHÔNG BỊ CHẶN
status-error = LỖI
no-plan-lower = không có phương án
no-detail = không có chi tiết
in-year = năm { $year }
in-region = tại { $region }
points = { $value } điểm %
funder-hif = Quỹ BHYT
funder-hif-full = chính quỹ bảo hiểm y tế
region-national = toàn quốc
currency-vnd = đồng
money-unit-thousand = nghìn
money-unit-million = triệu
money-unit-billion = tỷ
money-unit-trillion = nghìn tỷ
unit-dalys = DALY
unit-coverage-point = điểm bao phủ
unit-ratio-point = điểm tỷ số (0,01)
unit-resource = đơn vị { $resource }
one-money = 1 { $money }
one-point = 1 điểm
one-unit = 1 đơn vị

## Mục tiêu

objective-dalys = số DALY tránh được so với tỷ lệ bao phủ hiện tại, { $span }, chiết khấu { $rate }%/năm (tối đa hóa)
objective-net-benefit = lợi ích ròng: mỗi DALY tính { $value } { $currency }, cộng chi khám bệnh, chữa bệnh tránh được, trừ chi phòng bệnh tăng thêm, { $span }, chiết khấu { $rate }%/năm (tối đa hóa)
objective-cost = chi phòng bệnh từ mọi nguồn, { $span }, chiết khấu { $rate }%/năm (tối thiểu hóa)
objective-hif-cost = chi phòng bệnh của chính quỹ, { $span }, chiết khấu { $rate }%/năm (tối thiểu hóa)

effect-none = giữ nguyên mục tiêu
effect-dalys-more = tránh thêm { $x } DALY
effect-dalys-fewer = tránh ít hơn { $x } DALY
effect-net-benefit-more = tăng lợi ích ròng { $x } { $money }
effect-net-benefit-less = giảm lợi ích ròng { $x } { $money }
effect-cost-more = tốn thêm { $x } { $money } chi phòng bệnh
effect-cost-less = tiết kiệm { $x } { $money } chi phòng bệnh
effect-hif-cost-more = làm quỹ tốn thêm { $x } { $money }
effect-hif-cost-less = giúp quỹ tiết kiệm { $x } { $money }

## Một đòn bẩy dịch chuyển một đơn vị (nới: thêm; siết: bớt)

lever-income-more = quỹ có thêm 1 { $money } năm { $year } (thu hoặc thu khác, hoặc chi khám bệnh, chữa bệnh giảm bấy nhiêu)
lever-income-less = quỹ có ít hơn 1 { $money } năm { $year }
lever-floor-more = mức dự phòng tối thiểu thấp hơn 1 { $money } năm { $year }
lever-floor-less = mức dự phòng tối thiểu cao hơn 1 { $money } năm { $year }
lever-source-more = thêm 1 { $money } từ { $source } năm { $year }
lever-source-less = bớt 1 { $money } từ { $source } năm { $year }
lever-cap-more = trần tỷ lệ bao phủ (coverage.max) của { $program } cao hơn 1 điểm năm { $year }
lever-cap-less = trần tỷ lệ bao phủ (coverage.max) của { $program } thấp hơn 1 điểm năm { $year }
lever-target-more = chỉ tiêu năm { $year } của { $program } thấp hơn 1 điểm
lever-target-less = chỉ tiêu năm { $year } của { $program } cao hơn 1 điểm
lever-min-more = tỷ lệ bao phủ tối thiểu (coverage.min) của { $program } thấp hơn 1 điểm năm { $year }
lever-min-less = tỷ lệ bao phủ tối thiểu (coverage.min) của { $program } cao hơn 1 điểm năm { $year }
lever-pace-up-more = giới hạn mở rộng (max_scale_up) của { $program } cao hơn 1 điểm mỗi năm
lever-pace-up-less = giới hạn mở rộng (max_scale_up) của { $program } thấp hơn 1 điểm mỗi năm
lever-pace-down-more = giới hạn thu hẹp (max_scale_down) của { $program } cao hơn 1 điểm mỗi năm
lever-pace-down-less = giới hạn thu hẹp (max_scale_down) của { $program } thấp hơn 1 điểm mỗi năm
lever-capacity-more = thêm 1 đơn vị năng lực { $resource } năm { $year }
lever-capacity-less = bớt 1 đơn vị năng lực { $resource } năm { $year }
lever-equity-more = tỷ số công bằng (policy.equity_ratio) thấp hơn 1 điểm
lever-equity-less = tỷ số công bằng (policy.equity_ratio) cao hơn 1 điểm
lever-key-higher = `{ $key }`{ $year } cao hơn { $one }
lever-key-lower = `{ $key }`{ $year } thấp hơn { $one }

subject-income = tiền của quỹ năm { $year }
subject-floor = mức dự phòng tối thiểu năm { $year }
subject-source = số { $source } cấp năm { $year }
subject-cap = coverage.max của { $program } năm { $year }
subject-target = chỉ tiêu năm { $year } của { $program }
subject-min = coverage.min của { $program } năm { $year }
subject-pace-up = giới hạn mở rộng của { $program }
subject-pace-down = giới hạn thu hẹp của { $program }
subject-capacity = năng lực { $resource } năm { $year }
subject-equity = tỷ số công bằng

price-would = { $change } sẽ { $effect }
price-not-possible = không thể { $change }
price-other-way = , còn { $one } theo chiều ngược lại sẽ { $effect }
price-other-way-no-plan = , còn { $one } theo chiều ngược lại thì không còn phương án

## Lỗi và ghi chú

failure-too-large = mô hình có { $columns } cột, vượt quá { $max } cột mà { $backend } giải được trong thời gian hợp lý; hãy dùng --solver highs (bản dựng với --features highs, xem README)
failure-numerical = lỗi số học: lời giải của bộ giải vi phạm { $at } một lượng { $violation } (đã co giãn), vượt dung sai { $tolerance }
note-status-quo-infeasible = không tính được hiện trạng: ngay ở tỷ lệ bao phủ hiện tại, các nguồn thu dành cho phòng bệnh và quỹ không chi trả nổi hoạt động phòng bệnh hiện có (kiểm tra `funded_by` của từng nguồn)
note-status-quo-failed = không tính được hiện trạng: lần giải kết thúc với trạng thái { $status }
note-verified = đã kiểm chứng: { $checks } phép kiểm tra C1–C9 và mục tiêu đều đạt, tính lại từ các con số đã báo cáo
note-verification-failed = KIỂM CHỨNG THẤT BẠI: { $failed } trên { $checks } phép kiểm tra
note-bad-scaling = hệ số của mô hình trải rộng { $ratio } lần (từ { $small }, { $small_at }, đến { $large }, { $large_at }), vượt { $limit }: độ chính xác có thể giảm; hãy kiểm tra đơn vị của các khóa liên quan (population, unit_cost, use, money_unit)
note-simplex-fallback = đã giải bằng phương pháp đơn hình dự phòng (microlp) vì Clarabel không xác nhận được tối ưu; giá vẫn được đo bằng cách giải lại như thường lệ
note-overturned = bộ giải lúc đầu trả lời { $first }; lần giải thứ hai (co giãn lại, hoặc phương pháp khác) tìm được tối ưu đã kiểm tra, được báo cáo ở đây
note-face-fell-back = mặt tối ưu không giữ được giá trị tối ưu ({ $why }); lần giải chuẩn tắc dùng hàng mục tiêu
note-canonical-not-used = không dùng lần giải chuẩn tắc thứ hai ({ $why }); quỹ dự phòng cuối kỳ không được tối đa hóa giữa các phương án tối ưu

## Điều chỉnh: điều gì sẽ làm có phương án

fix-income = quỹ cần thêm { $amount } { $money } năm { $year } để quỹ dự phòng luôn không thấp hơn mức tối thiểu
fix-floor = mức dự phòng tối thiểu năm { $year } cần tối đa là { $needed } thay vì { $now }
fix-source = { $source } cần thêm { $amount } { $money } năm { $year } ({ $now } → { $needed })
fix-cap = coverage.max của { $program } năm { $year } cần là { $needed } thay vì { $now }
fix-target = chỉ tiêu năm { $year } của { $program } ({ $now }) chỉ đạt được tới { $needed }
fix-min = tỷ lệ bao phủ tối thiểu của { $program } năm { $year } ({ $now }) chỉ có thể tối đa là { $needed }
fix-pace-up = { $program } cần max_scale_up là { $needed } điểm mỗi năm thay vì { $now }
fix-pace-down = { $program } cần thu hẹp tới { $needed } điểm mỗi năm, vượt giới hạn { $now } (max_scale_down; policy.no_rollback đặt giới hạn này bằng 0)
fix-capacity = năng lực { $resource } năm { $year } cần là { $needed } thay vì { $now }
fix-equity = tỷ số công bằng cần tối đa là { $needed } thay vì { $now }
fix-key = `{ $key }`{ $year } cần là { $needed } thay vì { $now }
fix-premium-rate = {" "}(hoặc mức đóng { $needed }% thay vì { $now }% năm { $year })
impossible-above-cap = Không thể giữ nguyên hiện trạng: tỷ lệ bao phủ hiện tại của { $program }{ $region } ({ $current }) cao hơn coverage.max năm { $year } ({ $cap }), và max_scale_down chỉ cho giảm tối đa { $down } điểm mỗi năm.

## Vì sao không có phương án

summary-infeasible = Không có phương án nào thỏa mãn mọi ràng buộc.
summary-unbounded = Mục tiêu có thể tăng vô hạn: có chương trình không có chi phí hoặc không bị chặn. Hãy kiểm tra đơn giá và giới hạn tỷ lệ bao phủ.
summary-error = Bộ giải thất bại: { $detail }
summary-status-quo-breach = Ngay cả khi giữ tỷ lệ bao phủ ở mức hiện tại, quỹ dự phòng vẫn xuống dưới mức tối thiểu năm { $year }: { $reserve } so với mức tối thiểu { $floor } (thiếu { $short } { $money }), trước khi có bất kỳ khoản chi phòng bệnh mới nào.
explain-least-change-verified = Điều chỉnh nhỏ nhất (quy ra tiền), áp dụng cùng lúc và giải lại: có phương án.
explain-least-change-approximate = Điều chỉnh nhỏ nhất (quy ra tiền); áp dụng cùng lúc và giải lại, kịch bản vẫn không khả thi (sát biên số học): chỉ nên coi là gần đúng.
explain-to-apply = Để áp dụng: { $set }
explain-floor-months = Hoặc, giữ nguyên mọi thứ khác: mức dự phòng tối thiểu tối đa { $needed } tháng thay vì { $now } (đã giải lại).
explain-conflict-one = Xung đột { $k }: { $name } không thể giữ nguyên
explain-conflict-many = Xung đột { $k } — các giới hạn này không thể cùng thỏa mãn: { $names }
explain-any-one-resolves = Chỉ cần một trong các điều chỉnh sau là giải quyết được và có phương án (mỗi điều chỉnh đã được giải lại riêng):
explain-each-resolves = Mỗi điều chỉnh sau giải quyết xung đột này; nếu có đánh dấu thì riêng nó cũng đủ để có phương án (đã giải lại); nếu không, vẫn còn xung đột khác:
explain-on-its-own = (riêng điều chỉnh này: có phương án)
explain-note = Ghi chú: { $note }
explain-nothing-relaxes = ngay cả khi nới mọi chỉ tiêu, tỷ lệ bao phủ tối thiểu, giới hạn tốc độ, số tiền của các nguồn, năng lực, tỷ số công bằng và tiền của quỹ trong mọi năm vẫn không có phương án: hãy kiểm tra giới hạn tỷ lệ bao phủ bị cố định bởi min = max, và funded_by của từng chương trình
explain-failed = phân tích tính không khả thi thất bại: { $error }
explain-too-many-levers = { $levers } giới hạn có thể nới: chưa tách được các xung đột (giới hạn { $limit }); chỉ nêu điều chỉnh kết hợp nhỏ nhất
break-even-enters = { $program } được đưa vào nhóm được cấp kinh phí khi { $key } vượt { $value } ({ $change } so với giá trị của kịch bản)
break-even-leaves = { $program } ra khỏi nhóm được cấp kinh phí khi { $key } vượt { $value } ({ $change } so với giá trị của kịch bản)

## Bảng kết quả (run)

table-status-objective = Trạng thái: { $status }. Mục tiêu: { $value } { $unit }
table-status-no-plan = Trạng thái: { $status }. Không có phương án.
table-fund-title = Quỹ BHYT theo năm ({ $money })
table-status-quo-title = Khả năng cân đối quỹ: quỹ khi giữ nguyên tỷ lệ bao phủ hiện tại ({ $money })
table-sources-title = Các nguồn thu dành cho phòng bệnh ({ $money })
table-binding = Các ràng buộc chặt: { $list }
table-note = Ghi chú: { $note }
table-footer-scenario = kịch bản { $name }
table-prices-title = Giá của các giới hạn (mỗi giá đo bằng cách giải lại với giới hạn dịch chuyển một đơn vị; thay đổi mục tiêu đã chiết khấu)
table-prices-money = tiền và năng lực
table-prices-coverage = tỷ lệ bao phủ và tỷ số
table-prices-more = … và { $n } giá khác (xem --format json hoặc shadow_prices.csv)
table-unmeasured = (thêm { $n } giới hạn đang chặt chưa được định giá: --prices all đo tất cả)
table-money-value-title = Giá trị của thêm 1 { $money } cho quỹ, theo năm nhận được (đã đo)
table-coverage-title = Tỷ lệ bao phủ (tỷ lệ nhóm đối tượng)
table-coverage-title-national = Tỷ lệ bao phủ (tỷ lệ nhóm đối tượng, toàn quốc)
table-spending-title = Chi phòng bệnh theo chương trình ({ $money })
table-dalys-title = Số DALY tránh được so với tỷ lệ bao phủ hiện tại (không chiết khấu)
row-total = tổng
col-year = năm
col-revenue = thu BHYT
col-other = thu khác
col-curative = chi KCB
col-mgmt = chi quản lý
col-offsets = chi KCB tránh được
col-hif-prevention = Quỹ BHYT chi phòng bệnh
col-reserve = quỹ dự phòng
col-floor = mức tối thiểu
col-headroom = dư địa
col-months = số tháng chi KCB
col-source = nguồn
col-available = có thể sử dụng
col-used = đã sử dụng
col-carried = chuyển sang năm sau
col-lapsed = hủy, không chuyển nguồn
col-programme = chương trình
col-current = hiện tại

col-total = tổng
table-funders-title = Nguồn chi trả: chi phòng bệnh theo nguồn ({ $money })
col-funder = nguồn chi trả

## Tiêu đề cột CSV

unit-months = tháng
unit-share = tỷ lệ nhóm đối tượng
unit-persons = người
unit-per-lever-unit = { $objective } trên một đơn vị đòn bẩy
csv-from = từ { $funder }
csv-year = năm
csv-tail = năm duy trì
csv-revenue = thu BHYT
csv-other-income = thu khác
csv-curative-spending = chi KCB
csv-management-cost = chi phí quản lý
csv-offsets = chi KCB tránh được
csv-hif-prevention = chi phòng bệnh của quỹ
csv-reserve = quỹ dự phòng
csv-floor = mức tối thiểu
csv-headroom = dư địa
csv-months-of-reserve = số tháng dự phòng
csv-source = nguồn
csv-available = có thể sử dụng
csv-used = đã sử dụng
csv-carried = chuyển sang năm sau
csv-lapsed = hủy, không chuyển nguồn
csv-constraint = ràng buộc
csv-value = giá
csv-relax = khi nới
csv-tighten = khi siết
csv-key-path = khóa
csv-unit = đơn vị
csv-meaning = ý nghĩa
csv-program = mã chương trình
csv-region = mã vùng
csv-coverage = tỷ lệ bao phủ
csv-persons = số người
csv-spending = chi phòng bệnh
csv-dalys-averted = số DALY tránh được
csv-program-name = chương trình
csv-region-name = vùng
csv-scenario = kịch bản
csv-scenario-sha256 = SHA-256 của kịch bản
csv-solver = bộ giải
csv-status = trạng thái
csv-explanation = giải thích

## Kế hoạch trong một đoạn

list-and = và
summary-program-to = { $program } (từ { $from } lên { $to })
summary-nothing-expanded = Kế hoạch không mở rộng chương trình nào so với tỷ lệ bao phủ hiện tại.
summary-expands = Kế hoạch mở rộng { $list } đến năm { $year }.
summary-stay = { $list } giữ nguyên tỷ lệ bao phủ hiện tại.
summary-from = { $amount } từ { $funder }
summary-spends = Trong giai đoạn { $span }, kế hoạch chi { $total } { $money } cho phòng bệnh: { $list }.
summary-averts = Kế hoạch tránh được { $dalys } DALY (không chiết khấu), bình quân { $per }.
per-daly = { $amount } { $money } cho mỗi DALY tránh được
summary-headroom = Quỹ dự phòng sát mức tối thiểu nhất vào năm { $year } (cao hơn mức tối thiểu { $headroom } { $money }).
summary-binds = Điều ngăn kế hoạch đi xa hơn, theo giá đã đo: { $list }.
summary-binds-unpriced = { $n } giới hạn đang chặt; giá của chúng chưa được đo (--prices all).

## Sổ làm việc

xlsx-subject = Kế hoạch chi phòng bệnh của quỹ bảo hiểm y tế
xlsx-failed = Không ghi được sổ làm việc: { $error }
xlsx-provenance = kịch bản { $scenario } · SHA-256 { $sha } · hifplan { $version } · bộ giải { $solver }
xlsx-title = Kế hoạch chi phòng bệnh: { $scenario }
xlsx-sheet-summary = Tóm tắt
xlsx-sheet-fund = Quỹ theo năm
xlsx-sheet-status-quo = Khả năng cân đối quỹ
xlsx-sheet-sources = Nguồn thu phòng bệnh
xlsx-sheet-coverage = Tỷ lệ bao phủ
xlsx-sheet-spending = Chi phòng bệnh
xlsx-sheet-funders = Chi theo nguồn
xlsx-sheet-dalys = DALY tránh được
xlsx-sheet-allocations = Theo vùng
xlsx-sheet-prices = Giá
xlsx-sheet-binding = Giới hạn đang chặt
xlsx-allocations-title = Tỷ lệ bao phủ, chi phòng bệnh và số DALY theo chương trình, vùng và năm
xlsx-binding-title = Các giới hạn đang ràng buộc kế hoạch (giá của chúng ở trang Giá)
xlsx-col-status-quo-reserve = quỹ dự phòng khi giữ tỷ lệ bao phủ hiện tại
xlsx-col-tail = năm duy trì (sau kỳ kế hoạch, giữ tỷ lệ bao phủ)
xlsx-tail-yes = duy trì
xlsx-col-what = nội dung
xlsx-col-value = giá trị
xlsx-col-limit = giới hạn
xlsx-col-set = để tái lập (--set)
xlsx-scenario = Kịch bản
xlsx-description = Mô tả
xlsx-objective = Mục tiêu
xlsx-objective-means = Mục tiêu đo
xlsx-summary = Tóm tắt kế hoạch
xlsx-why-no-plan = Vì sao không có phương án
xlsx-note = Ghi chú
xlsx-money-unit = Đơn vị tiền
xlsx-hifplan-version = Phiên bản hifplan
xlsx-solver-version = Phiên bản bộ giải
xlsx-programme-id = chương trình `{ $id }`
xlsx-funder-id = nguồn chi trả `{ $id }`
xlsx-region-id = vùng `{ $id }`
chart-reserve-title = Quỹ dự phòng so với mức tối thiểu ({ $money }, cuối năm)
chart-reserve-plan = quỹ dự phòng (kế hoạch)
chart-floor = mức tối thiểu
chart-reserve-status-quo = quỹ dự phòng khi giữ tỷ lệ bao phủ hiện tại

## So sánh

cmp-title = So sánh các kịch bản
cmp-sheet = So sánh
cmp-provenance = các kịch bản (SHA-256): { $list }
cmp-col-difference = { $name }: chênh lệch so với kịch bản gốc
cmp-status = trạng thái
cmp-objective = mục tiêu
cmp-objective-value = giá trị
cmp-dalys = số DALY tránh được (không chiết khấu)
cmp-cost-per-daly = chi phí bình quân cho mỗi DALY tránh được, mọi nguồn ({ $money })
cmp-cost-per-daly-programme = chi phí bình quân cho mỗi DALY tránh được, theo chương trình ({ $money })
cmp-total-spending = chi phòng bệnh, mọi nguồn ({ $money })
cmp-premium-rate = mức đóng
cmp-premium-revenue = thu BHYT cả giai đoạn ({ $money })
cmp-premium-per-member = mức đóng bình quân mỗi người tham gia mỗi tháng ({ $currency })
cmp-lowest-headroom = dư địa thấp nhất ({ $money })
cmp-in-year = { $value } năm { $year }
cmp-end-reserve = quỹ dự phòng cuối kỳ ({ $money })
cmp-coverage-last = tỷ lệ bao phủ năm cuối
cmp-deltas-note = Trong ngoặc: chênh lệch so với { $baseline } (tỷ lệ bao phủ và mức đóng tính bằng điểm phần trăm).
cmp-what-differs = Những điểm { $name } khác { $base }:
cmp-more-differences = … và { $n } điểm khác nữa (xem --format json)
cmp-no-plan-infeasible = không có phương án nào thỏa mãn mọi ràng buộc
cmp-no-plan = không có phương án ({ $status })
cmp-no-plan-breach = ; ngay ở tỷ lệ bao phủ hiện tại, quỹ dự phòng vẫn thiếu { $short } { $money } so với mức tối thiểu năm { $year }
cmp-no-plan-least-change = ; điều chỉnh nhỏ nhất dịch chuyển { $list }

## Quét tham số

sweep-optimal = tối ưu
sweep-infeasible = không khả thi
sweep-unbounded = không bị chặn
sweep-error = lỗi
sweep-cancelled = đã hủy
sweep-col-status = trạng thái
sweep-col-objective = mục tiêu ({ $unit })
sweep-col-hif = chi phòng bệnh của quỹ ({ $money })
sweep-col-lowest-headroom = dư địa thấp nhất
sweep-col-lowest-headroom-year = năm có dư địa thấp nhất
sweep-col-end-reserve = quỹ dự phòng cuối kỳ
sweep-col-bar = mục tiêu, tính từ 0
sweep-bar-note = Thanh tính từ 0: thanh đầy (20 ô) là { $top }; ✗ đánh dấu điểm không có phương án.
sweep-moves = Khi { $key } đi từ { $from } đến { $to }, mục tiêu thay đổi từ { $z0 } đến { $z1 } { $unit } ({ $change }).
sweep-grid-title = Mục tiêu ({ $unit }) trên lưới
sweep-title = Quét tham số của { $scenario }
sweep-sheet = Quét tham số
sweep-provenance = kịch bản { $scenario } · bộ giải { $solver } · SHA-256 của từng điểm ở dòng của điểm đó

## Độ nhạy

param-premium-rate = mức đóng, riêng năm { $year }
param-source = { $source }: số tiền
param-unit-cost = { $program }: đơn giá
param-dalys = { $program }: số DALY tránh được mỗi người-năm
param-floor-months = mức dự phòng tối thiểu (tháng)
param-discount-rate = tỷ lệ chiết khấu
sens-title = Độ nhạy của { $scenario } — mục tiêu { $value } { $unit } ở kịch bản gốc
sens-nothing = không có tham số để thay đổi
sens-col-parameter = tham số
sens-col-base = giá trị gốc
sens-col-swing = biên độ
sens-col-tornado = biểu đồ lốc xoáy
sens-not-solved = chưa giải
sens-break-evens = Điểm hòa vốn (một chương trình được đưa vào hoặc ra khỏi nhóm được cấp kinh phí):
sens-prices = Giá (mục tiêu trên một đơn vị, bước nhỏ) và khoảng mà mỗi giá còn đúng:
sens-col-lever = đòn bẩy
sens-col-relax = nới thì được
sens-col-tighten = siết thì mất
sens-col-for-up-to = trong phạm vi tới
sens-col-basis-relax = cơ sở giữ nguyên: khi nới
sens-col-basis-tighten = khi siết
sens-beyond = (vượt 10 lần độ lớn của nó)
sens-unlimited = không giới hạn
sens-method-line = Phương pháp: { $method }.
sens-method = giải lại bằng { $backend } tại mọi điểm; điểm hòa vốn tìm bằng chia đôi tới 1e-4 của hệ số; giá đo bằng cách giải lại với mỗi đòn bẩy dịch một bước nhỏ theo mỗi chiều, và khoảng của giá bằng cách giải lại từng đoạn tới khi tốc độ của một đoạn khác giá vượt độ chính xác của bộ giải; { $basis }
sens-method-basis = khoảng cơ sở là phân tích khoảng (ranging) của { $backend } (một cận dịch được bao xa mà cơ sở tối ưu không đổi: giá còn đúng ít nhất trong khoảng đó)
sens-method-no-basis = không có phân tích khoảng cơ sở ({ $backend } không cung cấp, hoặc không có giá duy nhất)
sens-sheet = Độ nhạy
sens-sheet-break-evens = Điểm hòa vốn

## Báo cáo HTML

html-title = Kế hoạch chi phòng bệnh: { $names }
html-lead = Quỹ bảo hiểm y tế có thể tăng dần chi phòng bệnh thế nào mà quỹ dự phòng không xuống dưới mức tối thiểu.
html-several = { $n } kịch bản, giải bằng cùng một mô hình và vẽ trên cùng các trục; phần so sánh ở trước, sau đó mỗi kịch bản một phần.
html-styles = Kiểu đường
html-style-solid = nét liền: quỹ dự phòng (hoặc đường tỷ lệ bao phủ)
html-style-dashed = nét đứt: mức dự phòng tối thiểu
html-style-dotted = nét chấm: quỹ dự phòng khi giữ tỷ lệ bao phủ hiện tại
html-comparison = So sánh các kịch bản
html-toc-comparison = So sánh các kịch bản (so với { $baseline })
html-cmp-lead = Các con số chính của từng kịch bản; dưới mỗi số là chênh lệch so với { $baseline } (kịch bản gốc): tiền theo đơn vị tiền, tỷ lệ bao phủ và mức đóng theo điểm phần trăm.
html-baseline = kịch bản gốc
html-added = thêm
html-removed = bỏ
html-was = trước là
html-not-in-charts = Không có trong biểu đồ (không có phương án): { $list }.
html-in-brief = Tóm tắt.
html-objective = Mục tiêu
html-no-value = không có giá trị
html-years = Giai đoạn
html-years-money = { $span }; tiền tính bằng { $money }
html-scenario-file = Tệp kịch bản
html-sha = SHA-256 của kịch bản
html-solver = Bộ giải
html-solver-line = { $solver } ({ $version }), giải trong { $time }; hifplan { $hifplan }
html-no-plan = Không có phương án
html-why = Vì sao kế hoạch dừng ở đây
html-more-limits = … và { $n } giới hạn khác (mọi giá: hifplan run --format json, hoặc trang Giá của sổ làm việc).
html-programmes = Chương trình
html-funders = Nguồn chi trả
html-average = bình quân
html-notes = Ghi chú
html-scenario-heading = Kịch bản { $n }: { $name }
html-footer = Do hifplan { $version } tạo. Mọi con số lấy từ các phương án đã giải; mỗi kịch bản được nhận diện bằng SHA-256 của dạng đã phân giải (hifplan resolve). Trang không cần mạng và không có mã chạy.
html-chart-funders = Chi phòng bệnh theo nguồn chi trả ({ $money } mỗi năm)
html-chart-coverage = Tỷ lệ bao phủ toàn quốc theo chương trình (% nhóm đối tượng)
html-chart-coverage-of = { $program } (% bao phủ)
html-chart-dalys = Số DALY tránh được theo chương trình (DALY mỗi năm, không chiết khấu)
html-chart-dalys-total = Số DALY tránh được theo chương trình trong { $span } (DALY, không chiết khấu)
html-chart-reserves = Quỹ dự phòng của từng kịch bản so với mức tối thiểu ({ $money }, cuối năm)
html-chart-tornado = Mục tiêu phụ thuộc vào đâu (thay đổi tính bằng { $unit }, từ { $base })
html-axis-covered = % bao phủ
html-axis-tornado = thay đổi của mục tiêu ({ $unit })
html-parameter-at = tham số ở mức { $change }
html-no-plan-status = không có phương án ({ $status })
html-floor-of = mức tối thiểu: { $name }
html-note-reserve = Kế hoạch giữ quỹ dự phòng (nét liền) không thấp hơn mức tối thiểu (nét đứt). Nét chấm là quỹ dự phòng khi giữ nguyên tỷ lệ bao phủ hiện tại: khả năng cân đối quỹ trước khi có chi phòng bệnh mới.
html-note-funders = Toàn bộ chi phòng bệnh cho các chương trình, xếp chồng theo nguồn chi trả: quỹ và từng nguồn thu dành cho phòng bệnh.
html-note-coverage = Số người được bao phủ trên nhóm đối tượng, cộng trên các vùng.
html-note-dalys = Số năm sống điều chỉnh theo bệnh tật tránh được, ngoài phần tỷ lệ bao phủ hiện tại đã đạt.
html-note-dalys-total = Tổng cả giai đoạn, ngoài phần tỷ lệ bao phủ hiện tại đã đạt.
html-note-reserves-same-floor = Mỗi kịch bản một đường liền; nét đứt là mức tối thiểu chung.
html-note-reserves = Mỗi kịch bản một đường liền; nét đứt là mức tối thiểu của từng kịch bản, cùng màu.
html-note-tornado = Mỗi tham số được thay đổi riêng, giải lại mỗi lần; ✗ đánh dấu đầu mút mà kịch bản không có phương án; không có thanh nghĩa là không thay đổi.
html-year-table = Theo từng năm ({ $money })
html-col-envelope = hạn mức chi
html-col-other-funders = nguồn khác
html-note-envelope = Thu gồm cả thu khác. Hạn mức chi là một dòng chảy: số quỹ có thể chi cho phòng bệnh trong năm mà quỹ dự phòng vẫn đúng bằng mức tối thiểu (thu − chi KCB − chi quản lý + chi KCB tránh được − phần mức tối thiểu tăng thêm; năm đầu tính cả phần quỹ dự phòng đầu kỳ vượt mức tối thiểu). Chi phòng bệnh của quỹ không vượt tổng hạn mức đến năm đó; phần chênh lệch là dư địa.
html-fact-dalys = Số DALY tránh được, { $span } (không chiết khấu)
html-fact-spending = Chi phòng bệnh, mọi nguồn ({ $money })
html-fact-hif = trong đó của quỹ ({ $money })
html-fact-per-daly = Chi phí bình quân mỗi DALY tránh được
html-fact-headroom = Dư địa thấp nhất so với mức tối thiểu ({ $money })
csv-objective = mục tiêu
csv-objective-unit = đơn vị mục tiêu
csv-objective-kind = loại mục tiêu
csv-file = tệp
csv-error = lỗi
csv-total-spending = tổng chi phòng bệnh
csv-cost-per-daly = chi phí mỗi DALY
csv-premium-revenue = thu BHYT
csv-lowest-headroom-year = năm dư địa thấp nhất
csv-lowest-headroom = dư địa thấp nhất
csv-end-reserve = quỹ dự phòng cuối kỳ

## Thông báo lỗi đầu vào: bản dịch của các mẫu tiếng Anh trong en.ftl

diag-error = lỗi:{" "}
diag-warning = cảnh báo:{" "}
diag-note = = ghi chú:{" "}
diag-help = = gợi ý:{" "}
diag-expected-found = cần { $what }, nhưng gặp { $found }
diag-expected-one-of = cần một trong: { $list }
diag-unknown-key = khóa không xác định `{ $key }`
diag-missing-key = thiếu khóa bắt buộc `{ $key }`
diag-required-here = ở đây cần `{ $key }`
diag-did-you-mean = có phải ý bạn là `{ $word }`?
diag-not-a-key = hifplan không biết khóa này ở đây
diag-scenario-starts = kịch bản bắt đầu ở đây
diag-nothing-here = không có gì ở đây
diag-nothing-given = không có giá trị nào ở đây
diag-empty = `{ $key }` đang trống: cần { $what }
diag-a-number-ge0 = một số ≥ 0
diag-a-number-gt0 = một số > 0
diag-a-fraction = một tỷ lệ từ 0 đến 1
diag-a-list = một danh sách
diag-a-mapping = một ánh xạ (các cặp khóa: giá trị)
diag-the-text = văn bản
diag-the-number = số
diag-too-many = quá nhiều mục
diag-implausibly-large = lớn bất thường
diag-year-out-of-range = năm nằm ngoài giai đoạn
diag-not-valid-yaml = đây không phải YAML hợp lệ: { $what }
diag-value-not-valid-yaml = giá trị này không phải YAML hợp lệ
diag-parser-stopped = trình đọc YAML dừng ở đây
diag-duplicate-key = khóa `{ $key }` bị lặp trong cùng một ánh xạ
diag-second-occurrence = lần xuất hiện thứ hai
diag-cannot-read = không đọc được `{ $file }`: { $what }
diag-cannot-set = không đặt được `{ $key }`: { $what }
diag-tab = dùng ký tự tab để thụt lề; YAML chỉ thụt lề bằng dấu cách
diag-horizon = giai đoạn kết thúc ({ $to }) trước khi bắt đầu ({ $from })
diag-language = cần một ngôn ngữ hiển thị: { $list }; nhưng gặp `{ $found }`
diag-en-or-vi = cần en hoặc vi
diag-file-empty = tệp trống: cần một kịch bản, tức một ánh xạ các khóa như years, fund và programs (xem scenarios/reference.yaml)
diag-incomplete = kịch bản chưa đầy đủ
diag-beyond-limit = { $value } vượt giới hạn { $limit }; hãy kiểm tra đơn vị (money_unit, số người, tiền mỗi người)
diag-errors-found = có { $n } lỗi; không ghi gì.
diag-error-found = có { $n } lỗi; không ghi gì.
csv-parameter = tham số
csv-base-value = giá trị gốc
csv-factor = hệ số
csv-swing = biên độ
html-cmp-coverage = Tỷ lệ bao phủ theo chương trình ở từng kịch bản (% nhóm đối tượng)

## Sau kỳ kế hoạch (các năm duy trì, hiệu quả đến muộn, dự báo)

year-tail = { $year } (duy trì)
table-accrual-title = Số DALY tránh được theo năm phát sinh (không chiết khấu; hiệu quả đến muộn)
table-tail-years = Các năm duy trì (fund.sustain_years): giữ tỷ lệ bao phủ của năm { $year }, giữ mọi ràng buộc trừ chỉ tiêu và tốc độ mở rộng, không tính vào mục tiêu.
table-projection-title = Sau kỳ kế hoạch: phương án giữ tỷ lệ bao phủ năm { $year }, dự báo (không tối ưu hóa; dùng nguồn thu dành riêng trước, quỹ chi phần còn lại) ({ $money })
note-projection-breach = CẢNH BÁO: nếu giữ tỷ lệ bao phủ cuối kỳ sau kỳ kế hoạch, số dư quỹ xuống dưới mức dự phòng tối thiểu vào năm { $year }, thiếu { $shortfall } (xem phần dự báo; fund.sustain_years buộc phương án giữ mức tối thiểu cả sau kỳ kế hoạch)
note-projection-unfunded = CẢNH BÁO: nếu giữ tỷ lệ bao phủ cuối kỳ sau kỳ kế hoạch, { $amount } chi cho chương trình năm { $year } không còn nguồn được phép chi trả

## Công cụ ra quyết định: bảng xếp hạng chi phí và số tiền cần có

league-title = Chi phí cho mỗi DALY tránh được ({ $currency }/DALY, năm { $year }), rẻ nhất trước: ở người-năm đầu tiên được bao phủ, ở biên của kế hoạch (dải của đường cong DALY mà kế hoạch đang ở), và sau khi trừ chi phí khám chữa bệnh tránh được
league-rank = hạng
league-programme = chương trình
league-region = vùng
league-first = người-năm đầu tiên
league-margin = ở biên
league-band = dải
league-net = sau khi trừ chi phí tránh được
league-coverage = tỷ lệ bao phủ
league-more = … và { $n } dòng nữa (xem --format json, `league`)
required-hint-premium = Mức tăng mức đóng nhỏ nhất từ năm { $from } để có phương án khả thi: { $command } (cùng các --set, nếu có).
required-hint-income = Khoản thu thêm hằng năm nhỏ nhất cho quỹ từ năm { $from } để có phương án khả thi: { $command } (cùng các --set, nếu có).
required-hint-share = Mức tăng tỷ lệ của một nguồn nhỏ nhất từ năm { $from } để có phương án khả thi: { $command } (cùng các --set, nếu có).
required-premium-per-member = Số thu BHYT bình quân mỗi người tham gia mỗi tháng ở mức đóng đó (fund.members): { $list }.
required-income-per-member = Khoản thu thêm bình quân mỗi người tham gia mỗi tháng: { $list }.
required-goal-objective = giá trị mục tiêu ít nhất { $value } { $unit }
required-goal-feasible = một phương án khả thi (đạt mọi chỉ tiêu và giới hạn)
required-what-premium = mức tăng mức đóng BHYT (điểm phần trăm của tiền lương làm căn cứ đóng) ở mọi năm từ năm { $from }
required-what-share = mức tăng tỷ lệ của { $source } ở mọi năm từ năm { $from }
required-what-income = khoản cộng thêm vào thu khác của quỹ mỗi năm từ năm { $from }
required-none-income = Không có { $what } nào cho { $goal }: điều thiếu không phải là tiền (xem `hifplan run` để biết các ràng buộc xung đột).
required-none-rate = Không có { $what } nào cho { $goal }, kể cả tới 100%: chỉ riêng nguồn tiền này không đủ (xem `hifplan run` để biết các ràng buộc xung đột).
required-unbounded = { $what } nhỏ nhất không bị chặn: kịch bản không đặt giới hạn dưới cho nó.
required-failed = Việc tìm kiếm thất bại: { $error }
required-value = { $what } nhỏ nhất để có { $goal } là { $value }.
required-value-negative = { $what } nhỏ nhất để có { $goal } là { $value } (số âm: có thể giảm chừng ấy).
required-value-at-bound = { $what } nhỏ nhất để có { $goal } là { $value }: mức thấp nhất có thể (tỷ lệ bằng 0 ở một trong các năm đó).
required-levels-premium = Mức đóng BHYT của kịch bản là { $now }; khi áp dụng: { $then }.
required-levels-share = Tỷ lệ của nguồn trong kịch bản là { $now }; khi áp dụng: { $then }.
required-levels-income = Thu khác của kịch bản là { $now }; khi áp dụng: { $then }.
required-resolved = Giải lại tại { $value } (cao hơn một chút, như --set dưới đây ghi): { $status }.
required-resolved-objective = Giải lại tại { $value } (cao hơn một chút, như --set dưới đây ghi): { $status }, giá trị mục tiêu { $objective } { $unit }.
required-below-none = Tại { $value } (thấp hơn 1e-4 lần mức của đòn bẩy) không có phương án ({ $status }).
required-below = Tại { $value } (thấp hơn 1e-4 lần mức của đòn bẩy) giá trị tối ưu là { $objective } { $unit }.
required-marginal = Mỗi { $step } tăng thêm sẽ { $effect } (đo trên một bước).
required-blocked = Đòn bẩy không thể tăng thêm { $step } nữa.
required-no-plan = Tăng thêm { $step } thì không còn phương án ({ $status }).
required-apply = Để áp dụng: { $set }
required-title = Số tiền cần có cho { $name }: { $lever } từ năm { $from }
required-plan-title = Phương án tại giá trị đó:
required-method = một bài toán quy hoạch tuyến tính với đòn bẩy là một biến, rồi giải lại tại giá trị đó, dưới nó và trên nó một bước: { $solves } lần giải bằng { $solver } trong { $seconds } giây · kịch bản { $name } · sha256 { $sha }
lever-points = { $value } điểm phần trăm
lever-income = { $value } { $money } mỗi năm
lever-in-years = { $value } vào { $years }
lever-step-points = 0,1 điểm phần trăm
lever-step-income = 1 { $money } mỗi năm

## Công cụ ra quyết định: đường biên hiệu quả

slope-unit = { $objective } trên mỗi { $money }
slope-with-inverse = { $slope } ({ $cost } { $currency } cho mỗi DALY)
frontier-every-region = mọi vùng
frontier-n-regions = { $n } vùng
frontier-band-full = đã hết dải DALY
frontier-program-band = { $program } (dải DALY { $band })
frontier-starts = { $what } bắt đầu ({ $cells })
frontier-stops = { $what } dừng ({ $cells })
frontier-stops-at = { $what } dừng ({ $cells }): chạm { $limits }
frontier-span = Mức chi ít nhất của mọi phương án là { $least } { $money } (đã chiết khấu, mọi nguồn chi), với giá trị mục tiêu { $least_objective }; từ { $most } { $money } trở lên, thêm tiền không mua thêm được gì (giá trị mục tiêu { $most_objective }). { $n } điểm gãy (kể cả hai đầu), mỗi điểm là lời giải tối ưu của một lần giải.
frontier-plan-budget = Phương án của chính kịch bản, với ngân sách phòng bệnh { $budget } { $money }, chi { $spent } { $money } và đạt giá trị mục tiêu { $objective }.
frontier-plan = Phương án của chính kịch bản chi { $spent } { $money } và đạt giá trị mục tiêu { $objective }.
frontier-incomplete = CHƯA ĐẦY ĐỦ: việc tìm kiếm dừng sau { $solves } lần giải; các đoạn có thể còn ẩn điểm gãy.
frontier-error-minimises = đường biên là giá trị mục tiêu tốt nhất ở mỗi mức ngân sách; kịch bản này tối thiểu hóa chi tiêu (minimize: cost hoặc hif_cost), mà ngân sách chỉ chặn trên: hãy dùng mục tiêu maximize
frontier-error-infeasible = kịch bản không có phương án ở bất kỳ mức ngân sách nào (không khả thi ngay cả khi không có ngân sách: xem `hifplan run`)
frontier-error-no-plan = kịch bản không có phương án ({ $status })
frontier-error-failed = một lần giải thất bại: { $error }
frontier-method = các điểm gãy chính xác (Eisner–Severance: mỗi lần giải xác nhận một đoạn hoặc tìm ra một điểm phía trên nó); { $solves } lần giải bằng { $solver } trong { $seconds } giây
frontier-title = Đường biên hiệu quả của { $name }: giá trị tối ưu ở mỗi mức ngân sách phòng bệnh (C8)
frontier-columns = ngân sách: chi phòng bệnh đã chiết khấu của mọi nguồn chi trong các năm kế hoạch ({ $money }); giá trị mục tiêu: { $objective }; độ dốc: { $slope } ở bên phải điểm
frontier-col-budget = ngân sách
frontier-col-objective = giá trị mục tiêu
frontier-col-resolved = giải lại
frontier-col-slope = độ dốc
frontier-col-changes = thay đổi
frontier-grid-point = (điểm lưới)
frontier-provenance = kịch bản { $name } · sha256 { $sha } · hifplan { $version }
frontier-chart-title = Đường biên hiệu quả của { $name }
frontier-chart-curve = giá trị tối ưu ở mỗi mức ngân sách
frontier-chart-plan = phương án của chính kịch bản
frontier-chart-plan-mark = phương án
frontier-chart-x = ngân sách: chi phòng bệnh đã chiết khấu ({ $money })
frontier-html-budget = ngân sách ({ $money })
frontier-html-objective = giá trị mục tiêu ({ $unit })
frontier-html-slope = độ dốc bên phải
frontier-html-changes = chương trình bắt đầu hoặc dừng tại đó
xlsx-sheet-league = Chi phí mỗi DALY
xlsx-sheet-frontier = Đường biên
xlsx-per-daly-unit = { $currency }/DALY
sweep-col-required = mức tăng nhỏ nhất của { $lever } từ năm { $from }
sweep-no-value = không có giá trị nào
unit-percentage-points = điểm phần trăm
csv-required-lever = đòn bẩy cần tăng
csv-required-from = từ năm
csv-required-value = mức tăng nhỏ nhất
