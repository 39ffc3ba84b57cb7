namespace PumpSim.Core.Plant;

/// <summary>What can happen to the catheter (PUMP.md §4). The firmware knows none of it.</summary>
public enum CatheterFaultKind { None, Kink, Occlusion, Leak, Tear, Disconnect, Migration, Repair, Revision }

/// <summary>What the catheter holds at the start: drug, or saline after an implant or revision.</summary>
public enum CatheterContents { Drug, Saline }
