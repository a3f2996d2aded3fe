;; Decodes the wasm text (scripts/wasm-text.js) in place, fast: JavaScript copies the text's
;; character codes to address 0 and calls `d(length)`, which writes the bytes from address 0
;; (never ahead of what it reads) and returns how many there are.
;; A character's value is its place among the printable ASCII characters without `"`, `<` and
;; `\`: c - 32 - (c > 34) - (c > 60) - (c > 92), computed inline (a call per character costs
;; as much as the rest of the loop in a baseline compiler).
(module
  (memory (export "m") 1)
  (func (export "d") (param $length i32) (result i32)
    (local $in i32) (local $out i32) (local $c i32) (local $d i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $in) (local.get $length)))
        (local.set $c (i32.load8_u (local.get $in)))
        (local.set $d
          (i32.sub (i32.sub (i32.sub (i32.sub (local.get $c) (i32.const 32))
            (i32.gt_u (local.get $c) (i32.const 34))) (i32.gt_u (local.get $c) (i32.const 60)))
            (i32.gt_u (local.get $c) (i32.const 92))))
        (local.set $in (i32.add (local.get $in) (i32.const 1)))
        ;; 90 and 91 start a two-digit byte: 90 + (d - 90) * 92 + next digit
        (if (i32.ge_u (local.get $d) (i32.const 90))
          (then
            (local.set $c (i32.load8_u (local.get $in)))
            (local.set $d
              (i32.add
                (i32.add (i32.const 90) (i32.mul (i32.sub (local.get $d) (i32.const 90)) (i32.const 92)))
                (i32.sub (i32.sub (i32.sub (i32.sub (local.get $c) (i32.const 32))
                  (i32.gt_u (local.get $c) (i32.const 34))) (i32.gt_u (local.get $c) (i32.const 60)))
                  (i32.gt_u (local.get $c) (i32.const 92)))))
            (local.set $in (i32.add (local.get $in) (i32.const 1)))))
        (i32.store8 (local.get $out) (local.get $d))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))
        (br $next)))
    (local.get $out)))
