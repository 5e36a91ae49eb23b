import Foundation
import Scheduling

// The Swift side of scripts/bench/scheduling.sh. Modes:
//   assignment DIR COUNT SIZE SEED   writes COUNT random SIZE × SIZE matrices to DIR/matrix-K.f64
//                                    (little-endian doubles, row-major), solves each, prints one line per matrix
//   dayplan DIR INTERVENTIONS TECHNICIANS SEED SECONDS
//                                    writes DIR/problem.json and DIR/peer-instance.json, plans the day
//   evaluate DIR                     the objective of DIR/peer-routes.json (OR-Tools' plan) on DIR/problem.json
//   durations SEED                   duration model vs the template estimate on held-out synthetic history

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func write<Value: Encodable>(_ value: Value, to path: String) throws {
    try JSONEncoder().encode(value).write(to: URL(fileURLWithPath: path))
}

func read<Value: Decodable>(_ type: Value.Type, from path: String) throws -> Value {
    try JSONDecoder().decode(type, from: Data(contentsOf: URL(fileURLWithPath: path)))
}

func runAssignment(directory: String, count: Int, size: Int, seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    for index in 0..<count {
        let values = RandomInstances.costMatrix(size: size, using: &generator)
        try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: "\(directory)/matrix-\(index).f64")) }
        let matrix = try CostMatrix(rows: size, columns: size, values: values)
        var solution: AssignmentSolution?
        let elapsed = ContinuousClock().measure { solution = LinearAssignment.solve(matrix) }
        print("matrix \(index) cost \(Int(solution!.cost)) seconds \(String(format: "%.4f", seconds(elapsed)))")
    }
}

func runDayPlan(directory: String, interventions: Int, technicians: Int, seed: UInt64, budget: Double) throws {
    var generator = SeededGenerator(seed: seed)
    let problem = RandomInstances.day(interventions: interventions, technicians: technicians, using: &generator)
    try write(problem, to: "\(directory)/problem.json")
    try write(PeerInstance(problem), to: "\(directory)/peer-instance.json")
    var plan: SchedulingPlan?
    let elapsed = try ContinuousClock().measure {
        plan = try Solver().solve(problem, seed: seed, timeBudget: .milliseconds(Int(budget * 1000)))
    }
    let cost = plan!.cost
    print(
        "cost \(cost.total) seconds \(String(format: "%.3f", seconds(elapsed))) assigned \(plan!.assignments.count)",
        "unassigned \(cost.unassignedCount) travel_minutes \(cost.travelMinutes) late_minutes \(cost.lateMinutes)",
        "overload_minutes \(cost.overloadMinutes) iterations \(plan!.iterations)"
    )
}

func runEvaluate(directory: String) throws {
    let problem = try read(SchedulingProblem.self, from: "\(directory)/problem.json")
    let routes = try read([[Int]].self, from: "\(directory)/peer-routes.json")
    var byTechnician: [String: [String]] = [:]
    for (technician, route) in routes.enumerated() {
        byTechnician[problem.technicians[technician].id] = route.map { problem.interventions[$0].id }
    }
    guard let cost = try problem.cost(ofRoutes: byTechnician) else {
        print("infeasible")
        return
    }
    print("cost \(cost.total) unassigned \(cost.unassignedCount) travel_minutes \(cost.travelMinutes)",
          "late_minutes \(cost.lateMinutes) overload_minutes \(cost.overloadMinutes)")
}

func runDurations(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let history = SyntheticHistory.observations(count: 20_000, using: &generator)
    let evaluation = DurationEvaluation(history: history, heldOutFraction: 0.2)
    print(
        "held_out \(evaluation.count) model_mae \(String(format: "%.1f", evaluation.modelMeanAbsoluteError))",
        "template_mae \(String(format: "%.1f", evaluation.templateMeanAbsoluteError))"
    )
}

let arguments = CommandLine.arguments.dropFirst().map { $0 }
switch arguments.first {
case "assignment" where arguments.count == 5:
    try runAssignment(directory: arguments[1], count: Int(arguments[2])!, size: Int(arguments[3])!, seed: UInt64(arguments[4])!)
case "dayplan" where arguments.count == 6:
    try runDayPlan(
        directory: arguments[1], interventions: Int(arguments[2])!, technicians: Int(arguments[3])!,
        seed: UInt64(arguments[4])!, budget: Double(arguments[5])!
    )
case "evaluate" where arguments.count == 2:
    try runEvaluate(directory: arguments[1])
case "durations" where arguments.count == 2:
    runDurations(seed: UInt64(arguments[1])!)
default:
    FileHandle.standardError.write(Data("usage: SchedulingBench assignment|dayplan|evaluate|durations … (see main.swift)\n".utf8))
    exit(64)
}
