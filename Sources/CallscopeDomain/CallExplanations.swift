/// Plain words for hangup causes, SIP codes and MOS (from FreeSWITCH's cause names, Q.850 and ITU-T P.800; docs/ARCHITECTURE.md, "Provider facts").
public enum CallExplanations {
    /// (Q.850 number or FreeSWITCH code, meaning) by cause name.
    static let causes: [String: (code: String, meaning: String)] = [
        "UNALLOCATED_NUMBER": ("Q.850 1", "number does not exist"),
        "NO_ROUTE_DESTINATION": ("Q.850 3", "no route to the destination"),
        "NORMAL_CLEARING": ("Q.850 16", "normal hangup after the call"),
        "USER_BUSY": ("Q.850 17", "callee busy"),
        "NO_USER_RESPONSE": ("Q.850 18", "device did not respond in time"),
        "NO_ANSWER": ("Q.850 19", "rang, nobody answered"),
        "SUBSCRIBER_ABSENT": ("Q.850 20", "callee unreachable"),
        "CALL_REJECTED": ("Q.850 21", "callee or network refused"),
        "NUMBER_CHANGED": ("Q.850 22", "number moved"),
        "DESTINATION_OUT_OF_ORDER": ("Q.850 27", "far end not working"),
        "INVALID_NUMBER_FORMAT": ("Q.850 28", "malformed or incomplete number"),
        "NORMAL_UNSPECIFIED": ("Q.850 31", "generic failure"),
        "NORMAL_CIRCUIT_CONGESTION": ("Q.850 34", "no circuit free"),
        "NETWORK_OUT_OF_ORDER": ("Q.850 38", "network fault"),
        "NORMAL_TEMPORARY_FAILURE": ("Q.850 41", "temporary failure, retry"),
        "SWITCH_CONGESTION": ("Q.850 42", "switch overloaded"),
        "OUTGOING_CALL_BARRED": ("Q.850 52", "caller may not dial this"),
        "INCOMPATIBLE_DESTINATION": ("Q.850 88", "codec / SDP mismatch"),
        "RECOVERY_ON_TIMER_EXPIRE": ("Q.850 102", "signalling timer expired"),
        "ORIGINATOR_CANCEL": ("487", "caller hung up before answer"),
        "MEDIA_TIMEOUT": ("804", "no RTP received"),
        "GATEWAY_DOWN": ("809", "outbound gateway down"),
    ]

    /// "callee busy (Q.850 17)", or nil for a cause not in the table.
    public static func hangupCause(_ cause: String) -> String? {
        causes[cause.uppercased()].map { "\($0.meaning) (\($0.code))" }
    }

    public static func sipCode(_ code: Int) -> String? {
        switch code {
        case 200: return "OK: answered"
        case 400: return "bad request (→ NORMAL_TEMPORARY_FAILURE)"
        case 401, 407: return "authentication required (→ CALL_REJECTED)"
        case 402: return "payment required (→ CALL_REJECTED)"
        case 403: return "forbidden (→ CALL_REJECTED)"
        case 404: return "not found: number does not exist (→ UNALLOCATED_NUMBER)"
        case 408: return "request timeout (→ RECOVERY_ON_TIMER_EXPIRE)"
        case 410: return "gone: number moved (→ NUMBER_CHANGED)"
        case 480: return "temporarily unavailable: off, no coverage, do-not-disturb (→ NO_USER_RESPONSE)"
        case 481: return "call does not exist (→ NORMAL_TEMPORARY_FAILURE)"
        case 484: return "address incomplete (→ INVALID_NUMBER_FORMAT)"
        case 486: return "busy here: busy or declined (→ USER_BUSY)"
        case 487: return "request terminated: caller cancelled (→ ORIGINATOR_CANCEL)"
        case 488: return "not acceptable here: codec mismatch (→ INCOMPATIBLE_DESTINATION)"
        case 500: return "server internal error (→ NORMAL_TEMPORARY_FAILURE)"
        case 502: return "bad gateway (→ NETWORK_OUT_OF_ORDER)"
        case 503: return "service unavailable (→ NORMAL_TEMPORARY_FAILURE)"
        case 504: return "server timeout (→ RECOVERY_ON_TIMER_EXPIRE)"
        case 600: return "busy everywhere (→ USER_BUSY)"
        case 603: return "decline (→ CALL_REJECTED)"
        case 606: return "not acceptable (→ INCOMPATIBLE_DESTINATION)"
        default: return nil
        }
    }

    /// P.800: ≥ 4 good, 3.6–4 fair, 3.1–3.6 poor, below bad.
    public static func mosRating(_ mos: Double) -> String {
        switch mos {
        case 4...: return "good"
        case 3.6..<4: return "fair"
        case 3.1..<3.6: return "poor"
        default: return "bad"
        }
    }
}
