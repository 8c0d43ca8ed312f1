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

objective-dalys = số DALY tránh được so với độ bao phủ hiện tại, { $span }, chiết khấu { $rate }%/năm (tối đa hóa)
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
lever-floor-more = mức sàn quỹ dự phòng thấp hơn 1 { $money } năm { $year }
lever-floor-less = mức sàn quỹ dự phòng cao hơn 1 { $money } năm { $year }
lever-source-more = thêm 1 { $money } từ { $source } năm { $year }
lever-source-less = bớt 1 { $money } từ { $source } năm { $year }
lever-cap-more = trần độ bao phủ (coverage.max) của { $program } cao hơn 1 điểm năm { $year }
lever-cap-less = trần độ bao phủ (coverage.max) của { $program } thấp hơn 1 điểm năm { $year }
lever-target-more = chỉ tiêu năm { $year } của { $program } thấp hơn 1 điểm
lever-target-less = chỉ tiêu năm { $year } của { $program } cao hơn 1 điểm
lever-min-more = độ bao phủ tối thiểu (coverage.min) của { $program } thấp hơn 1 điểm năm { $year }
lever-min-less = độ bao phủ tối thiểu (coverage.min) của { $program } cao hơn 1 điểm năm { $year }
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
subject-floor = mức sàn quỹ dự phòng năm { $year }
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
note-status-quo-infeasible = không tính được hiện trạng: ngay ở độ bao phủ hiện tại, các nguồn dành riêng và quỹ không chi trả nổi hoạt động phòng bệnh hiện có (kiểm tra `funded_by` của từng nguồn)
note-status-quo-failed = không tính được hiện trạng: lần giải kết thúc với trạng thái { $status }
note-verified = đã kiểm chứng: { $checks } phép kiểm tra C1–C9 và mục tiêu đều đạt, tính lại từ các con số đã báo cáo
note-verification-failed = KIỂM CHỨNG THẤT BẠI: { $failed } trên { $checks } phép kiểm tra
note-bad-scaling = hệ số của mô hình trải rộng { $ratio } lần (từ { $small }, { $small_at }, đến { $large }, { $large_at }), vượt { $limit }: độ chính xác có thể giảm; hãy kiểm tra đơn vị của các khóa liên quan (population, unit_cost, use, money_unit)
note-simplex-fallback = đã giải bằng phương pháp đơn hình dự phòng (microlp) vì Clarabel không xác nhận được tối ưu; giá vẫn được đo bằng cách giải lại như thường lệ
note-overturned = bộ giải lúc đầu trả lời { $first }; lần giải thứ hai (co giãn lại, hoặc phương pháp khác) tìm được tối ưu đã kiểm tra, được báo cáo ở đây
note-face-fell-back = mặt tối ưu không giữ được giá trị tối ưu ({ $why }); lần giải chuẩn tắc dùng hàng mục tiêu
note-canonical-not-used = không dùng lần giải chuẩn tắc thứ hai ({ $why }); quỹ dự phòng cuối kỳ không được tối đa hóa giữa các phương án tối ưu

## Điều chỉnh: điều gì sẽ làm có phương án

fix-income = quỹ cần thêm { $amount } { $money } năm { $year } để quỹ dự phòng luôn không thấp hơn mức sàn
fix-floor = mức sàn quỹ dự phòng năm { $year } cần tối đa là { $needed } thay vì { $now }
fix-source = { $source } cần thêm { $amount } { $money } năm { $year } ({ $now } → { $needed })
fix-cap = coverage.max của { $program } năm { $year } cần là { $needed } thay vì { $now }
fix-target = chỉ tiêu năm { $year } của { $program } ({ $now }) chỉ đạt được tới { $needed }
fix-min = độ bao phủ tối thiểu của { $program } năm { $year } ({ $now }) chỉ có thể tối đa là { $needed }
fix-pace-up = { $program } cần max_scale_up là { $needed } điểm mỗi năm thay vì { $now }
fix-pace-down = { $program } cần thu hẹp tới { $needed } điểm mỗi năm, vượt giới hạn { $now } (max_scale_down; policy.no_rollback đặt giới hạn này bằng 0)
fix-capacity = năng lực { $resource } năm { $year } cần là { $needed } thay vì { $now }
fix-equity = tỷ số công bằng cần tối đa là { $needed } thay vì { $now }
fix-key = `{ $key }`{ $year } cần là { $needed } thay vì { $now }
fix-premium-rate = {" "}(hoặc mức đóng { $needed }% thay vì { $now }% năm { $year })
impossible-above-cap = Không thể giữ nguyên hiện trạng: độ bao phủ hiện tại của { $program }{ $region } ({ $current }) cao hơn coverage.max năm { $year } ({ $cap }), và max_scale_down chỉ cho giảm tối đa { $down } điểm mỗi năm.

## Vì sao không có phương án

summary-infeasible = Không có phương án nào thỏa mãn mọi ràng buộc.
summary-unbounded = Mục tiêu có thể tăng vô hạn: có chương trình không có chi phí hoặc không bị chặn. Hãy kiểm tra đơn giá và giới hạn độ bao phủ.
summary-error = Bộ giải thất bại: { $detail }
summary-status-quo-breach = Ngay cả khi giữ độ bao phủ ở mức hiện tại, quỹ dự phòng vẫn xuống dưới mức sàn năm { $year }: { $reserve } so với mức sàn { $floor } (thiếu { $short } { $money }), trước khi có bất kỳ khoản chi phòng bệnh mới nào.
explain-least-change-verified = Điều chỉnh nhỏ nhất (quy ra tiền), áp dụng cùng lúc và giải lại: có phương án.
explain-least-change-approximate = Điều chỉnh nhỏ nhất (quy ra tiền); áp dụng cùng lúc và giải lại, kịch bản vẫn không khả thi (sát biên số học): chỉ nên coi là gần đúng.
explain-to-apply = Để áp dụng: { $set }
explain-floor-months = Hoặc, giữ nguyên mọi thứ khác: mức sàn quỹ dự phòng tối đa { $needed } tháng thay vì { $now } (đã giải lại).
explain-conflict-one = Xung đột { $k }: { $name } không thể giữ nguyên
explain-conflict-many = Xung đột { $k } — các giới hạn này không thể cùng thỏa mãn: { $names }
explain-any-one-resolves = Chỉ cần một trong các điều chỉnh sau là giải quyết được và có phương án (mỗi điều chỉnh đã được giải lại riêng):
explain-each-resolves = Mỗi điều chỉnh sau giải quyết xung đột này; nếu có đánh dấu thì riêng nó cũng đủ để có phương án (đã giải lại); nếu không, vẫn còn xung đột khác:
explain-on-its-own = (riêng điều chỉnh này: có phương án)
explain-note = Ghi chú: { $note }
explain-nothing-relaxes = ngay cả khi nới mọi chỉ tiêu, độ bao phủ tối thiểu, giới hạn tốc độ, số tiền của các nguồn, năng lực, tỷ số công bằng và tiền của quỹ trong mọi năm vẫn không có phương án: hãy kiểm tra giới hạn độ bao phủ bị cố định bởi min = max, và funded_by của từng chương trình
explain-failed = phân tích tính không khả thi thất bại: { $error }
explain-too-many-levers = { $levers } giới hạn có thể nới: chưa tách được các xung đột (giới hạn { $limit }); chỉ nêu điều chỉnh kết hợp nhỏ nhất
break-even-enters = { $program } được đưa vào nhóm được cấp kinh phí khi { $key } vượt { $value } ({ $change } so với giá trị của kịch bản)
break-even-leaves = { $program } ra khỏi nhóm được cấp kinh phí khi { $key } vượt { $value } ({ $change } so với giá trị của kịch bản)

## Bảng kết quả (run)

table-status-objective = Trạng thái: { $status }. Mục tiêu: { $value } { $unit }
table-status-no-plan = Trạng thái: { $status }. Không có phương án.
table-fund-title = Quỹ theo năm ({ $money })
table-status-quo-title = Khả năng cân đối quỹ: quỹ khi giữ nguyên độ bao phủ hiện tại ({ $money })
table-sources-title = Các nguồn kinh phí dành riêng ({ $money })
table-binding = Các ràng buộc đang chặt: { $list }
table-note = Ghi chú: { $note }
table-footer-scenario = kịch bản { $name }
table-prices-title = Giá của các giới hạn (mỗi giá đo bằng cách giải lại với giới hạn dịch chuyển một đơn vị; thay đổi mục tiêu đã chiết khấu)
table-prices-money = tiền và năng lực
table-prices-coverage = độ bao phủ và tỷ số
table-prices-more = … và { $n } giá khác (xem --format json hoặc shadow_prices.csv)
table-unmeasured = (thêm { $n } giới hạn đang chặt chưa được định giá: --prices all đo tất cả)
table-money-value-title = Giá trị của thêm 1 { $money } cho quỹ, theo năm nhận được (đã đo)
table-coverage-title = Độ bao phủ (tỷ lệ nhóm đối tượng)
table-coverage-title-national = Độ bao phủ (tỷ lệ nhóm đối tượng, toàn quốc)
table-spending-title = Chi phòng bệnh theo chương trình ({ $money })
table-dalys-title = Số DALY tránh được so với độ bao phủ hiện tại (không chiết khấu)
row-total = tổng
col-year = năm
col-revenue = thu BHYT
col-other = thu khác
col-curative = chi KCB
col-mgmt = chi quản lý
col-offsets = chi KCB tránh được
col-hif-prevention = chi phòng bệnh của quỹ
col-reserve = quỹ dự phòng
col-floor = mức sàn
col-headroom = dư địa
col-months = số tháng
col-source = nguồn
col-available = có thể dùng
col-used = đã dùng
col-carried = chuyển sang năm sau
col-lapsed = hết hiệu lực
col-programme = chương trình
col-current = hiện tại

col-total = tổng
table-funders-title = Nguồn chi trả: chi phòng bệnh theo nguồn ({ $money })
col-funder = nguồn chi trả
